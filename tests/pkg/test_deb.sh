#!/usr/bin/env bash
# `cpack -G DEB` in this build directory (no build of its own) makes
# rnnstep_VERSION_ARCH.deb: its control fields, Depends naming exactly the
# packages of the libraries the binary links (dpkg-shlibdeps), its files
# (all under /usr, owned by root, Debian's permissions), and lintian
# reporting no errors.
# Usage: bash test_deb.sh RNNSTEP SOURCE_DIR BUILD_DIR
source "$(dirname "$0")/lib.sh" "$@"
need cpack dpkg-deb dpkg-shlibdeps file lintian readelf
version=$(project_version)
deb=$PKG_TMP/out/rnnstep_${version}_$(dpkg --print-architecture).deb

(cd "$BUILD_DIR" && cpack -G DEB -B "$PKG_TMP/out") >"$PKG_TMP/cpack.log" 2>&1 ||
    fail "cpack -G DEB failed: $(tail -5 "$PKG_TMP/cpack.log")"
if [ ! -f "$deb" ]; then
    fail "no $(basename "$deb"): $(ls "$PKG_TMP/out")"
    finish
fi

field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = rnnstep ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), not $version"
[ "$(field Section)" = education ] || fail "Section: $(field Section)"
[ "$(field Priority)" = optional ] || fail "Priority: $(field Priority)"
[[ $(field Maintainer) =~ ^[^\<]+\ \<[^@\ ]+@[^@\ ]+\>$ ]] || fail "Maintainer: '$(field Maintainer)' is not 'Name <address>'"
description=$(field Description)
[ "$(head -1 <<<"$description")" = "Watch a recurrent neural network learn, one keypress at a time" ] ||
    fail "Description synopsis: $(head -1 <<<"$description")"
[ "$(wc -l <<<"$description")" -ge 5 ] || fail "Description has no extended text"
dpkg-deb --info "$deb" >/dev/null || fail "dpkg-deb --info cannot read the package"

# Depends: the packages that own the libraries the packaged binary needs, no
# more and no fewer.
dpkg-deb -x "$deb" "$PKG_TMP/root"
bin=$PKG_TMP/root/usr/bin/rnnstep
owner() { # the package of a library path (dpkg may know it under /lib or /usr/lib)
    local path=$1
    dpkg -S "$path" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null ||
        dpkg -S "$(realpath "$path")" 2>/dev/null
}
needed=$(readelf -d "$bin" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
libs=$(ldd "$bin" | awk -v needed=" $(tr '\n' ' ' <<<"$needed")" 'index(needed, " " $1 " ") && $2 == "=>" { print $3 }')
want=$(for lib in $libs; do owner "$lib" | head -1 | cut -d: -f1; done | sort -u)
got=$(field Depends | tr ',' '\n' | sed -E 's/^ *([^ (]+).*/\1/' | sort -u)
[ -n "$want" ] || fail "could not find the packages of the binary's libraries ($needed)"
[ "$got" = "$want" ] || fail "Depends names $(echo $got), the binary needs $(echo $want)"

# Files: the install layout under /usr, root-owned, 755 directories and
# programs, 644 data.
contents=$(dpkg-deb --contents "$deb")
for f in usr/bin/rnnstep usr/share/man/man1/rnnstep.1.gz usr/share/bash-completion/completions/rnnstep \
    usr/share/rnnstep/examples/hello.json usr/share/doc/rnnstep/copyright usr/share/doc/rnnstep/changelog.gz; do
    grep -q " \./$f\$" <<<"$contents" || fail "the package does not hold /$f"
done
while read -r perms owner _ _ _ path _; do
    [ "$owner" = root/root ] || fail "$path is owned by $owner"
    [[ $path == ./usr/* ]] || fail "$path is outside /usr"
    case $perms in
    d*) want_perms=drwxr-xr-x ;;
    *) [[ $path == ./usr/bin/* ]] && want_perms=-rwxr-xr-x || want_perms=-rw-r--r-- ;;
    esac
    [ "$perms" = "$want_perms" ] || fail "$path has mode $perms, not $want_perms"
done <<<"$contents"
file "$bin" | grep -q ', stripped' || fail "the packaged binary is not stripped: $(file -b "$bin")"

# lintian prints every tag; errors fail the test.
lintian --fail-on error "$deb" >"$PKG_TMP/lintian.out" 2>&1
rc=$?
grep -v 'running with root privileges' "$PKG_TMP/lintian.out"
[ $rc -eq 0 ] || fail "lintian reports errors (status $rc)"
finish
