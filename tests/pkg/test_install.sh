#!/usr/bin/env bash
# cmake --install of this build directory, with --prefix and with DESTDIR:
# the binary, the man page, the completion script, the example parameter
# file, the shipped lessons and the documents land where a Debian tool keeps
# them, and the installed binary works (--version, a short batch run, the
# shipped example equal to the built-in one, `man -l` of the installed page).
# Usage: bash test_install.sh RNNSTEP SOURCE_DIR BUILD_DIR
source "$(dirname "$0")/lib.sh" "$@"
need cmake man

# Every file an install must hold, relative to the prefix.
expected=(bin/rnnstep share/man/man1/rnnstep.1.gz share/bash-completion/completions/rnnstep
    share/rnnstep/examples/hello.json share/doc/rnnstep/copyright share/doc/rnnstep/changelog.gz
    share/doc/rnnstep/README.md.gz)
lessons=()
if [ -d "$SOURCE_DIR/assets/lessons" ]; then
    mapfile -t lessons < <(cd "$SOURCE_DIR/assets" && find lessons -type f | sort)
fi

# check_tree PREFIX HOW: the files an install into PREFIX must hold.
check_tree() {
    local p=$1 how=$2 f
    for f in "${expected[@]}"; do
        [ -f "$p/$f" ] || fail "$how: $f is not installed"
    done
    [ -x "$p/bin/rnnstep" ] || fail "$how: bin/rnnstep is not executable"
    cmp -s "$p/share/bash-completion/completions/rnnstep" "$SOURCE_DIR/dist/bash-completion/rnnstep" ||
        fail "$how: the installed completion script differs from dist/bash-completion/rnnstep"
    cmp -s <(gzip -dc "$p/share/man/man1/rnnstep.1.gz") "$SOURCE_DIR/docs/rnnstep.1" ||
        fail "$how: the installed man page is not docs/rnnstep.1"
    for f in "${lessons[@]}"; do
        cmp -s "$p/share/rnnstep/$f" "$SOURCE_DIR/assets/$f" || fail "$how: lesson file $f is not installed"
    done
}

prefix=$PKG_TMP/prefix
cmake --install "$BUILD_DIR" --prefix "$prefix" >"$PKG_TMP/install.log" 2>&1 ||
    fail "cmake --install --prefix failed: $(tail -5 "$PKG_TMP/install.log")"
check_tree "$prefix" "--prefix"

# DESTDIR goes in front of the prefix; nothing may land at the bare prefix.
DESTDIR=$PKG_TMP/dest cmake --install "$BUILD_DIR" --prefix "$PKG_TMP/usr" >"$PKG_TMP/destdir.log" 2>&1 ||
    fail "cmake --install with DESTDIR failed: $(tail -5 "$PKG_TMP/destdir.log")"
check_tree "$PKG_TMP/dest$PKG_TMP/usr" "DESTDIR"
[ ! -e "$PKG_TMP/usr" ] || fail "DESTDIR: files were installed without it, at $PKG_TMP/usr"

installed=$prefix/bin/rnnstep
[ "$("$installed" --version)" = "$("$RNNSTEP" --version)" ] ||
    fail "installed --version '$("$installed" --version)' differs from the build's"
"$installed" --batch --epochs 5 >"$PKG_TMP/installed.out" 2>&1 || fail "installed --batch failed"
"$RNNSTEP" --batch --epochs 5 >"$PKG_TMP/built.out" 2>&1
cmp -s "$PKG_TMP/installed.out" "$PKG_TMP/built.out" || fail "installed --batch prints other numbers"
# Epoch 1 of the worked example: total loss 5.6922 (README.md).
grep -qE '^ +1 +5\.6921' "$PKG_TMP/installed.out" || fail "installed --batch: no epoch 1 row with loss 5.6922"
"$installed" --batch --epochs 5 --init "$prefix/share/rnnstep/examples/hello.json" >"$PKG_TMP/example.out" 2>&1
cmp -s "$PKG_TMP/example.out" "$PKG_TMP/built.out" ||
    fail "the installed hello.json does not give the built-in example's numbers"

# man renders the installed page (gzipped, as Debian keeps it) without a complaint.
MANWIDTH=80 man -l "$prefix/share/man/man1/rnnstep.1.gz" >"$PKG_TMP/man.out" 2>"$PKG_TMP/man.err" ||
    fail "man -l of the installed page failed: $(head -3 "$PKG_TMP/man.err")"
[ ! -s "$PKG_TMP/man.err" ] || fail "man -l warns: $(head -3 "$PKG_TMP/man.err")"
for heading in NAME SYNOPSIS OPTIONS 'EXIT STATUS' EXAMPLES; do
    grep -q "^$heading" "$PKG_TMP/man.out" || fail "man -l: no $heading section in the rendered page"
done
grep -qE 'rnnstep +- +watch +a +recurrent' "$PKG_TMP/man.out" ||
    fail "man -l: the NAME line is not rendered"
finish
