#!/usr/bin/env bash
# --version: the project's version, and the commit in a build from a git
# checkout; cmake/git_commit.cmake names no commit outside one (a source
# tarball, also one unpacked inside another repository) and marks a modified
# tree. The man page and the Debian changelog name the same version.
# Usage: bash test_version.sh RNNSTEP SOURCE_DIR BUILD_DIR
source "$(dirname "$0")/lib.sh" "$@"
version=$(project_version)
[ -n "$version" ] || fail "no version in CMakeLists.txt's project()"

out=$("$RNNSTEP" --version)
re='^rnnstep ([0-9.]+)( \(commit ([0-9a-f]{12})(-dirty)?\))?$'
if [[ $out =~ $re ]]; then
    [ "${BASH_REMATCH[1]}" = "$version" ] || fail "--version says ${BASH_REMATCH[1]}, CMakeLists.txt $version"
    commit=${BASH_REMATCH[3]}
else
    fail "--version: '$out' is not 'rnnstep X.Y.Z [(commit HASH)]'"
    commit=""
fi
top=$(git -C "$SOURCE_DIR" rev-parse --show-toplevel 2>/dev/null) || top=""
if [ -n "$top" ] && [ "$(realpath "$top")" = "$(realpath "$SOURCE_DIR")" ]; then
    [ -n "$commit" ] || fail "--version names no commit in a git checkout: '$out'"
    [ -z "$commit" ] || git -C "$SOURCE_DIR" cat-file -e "$commit^{commit}" ||
        fail "--version names $commit, not a commit of $SOURCE_DIR"
else
    [ -z "$commit" ] || fail "--version names commit $commit outside a git checkout"
fi

# The generator on its own, for the cases this checkout is not.
commit_of() {
    cmake -DSOURCE_DIR="$1" -DOUTPUT="$PKG_TMP/commit.h" -DGIT_EXECUTABLE="$(command -v git)" \
        -P "$SOURCE_DIR/cmake/git_commit.cmake" &&
        sed -nE 's/^#define RNNSTEP_COMMIT "(.*)"$/\1/p' "$PKG_TMP/commit.h"
}
if command -v git >/dev/null; then
    mkdir -p "$PKG_TMP/tarball" "$PKG_TMP/repo/unpacked"
    [ -z "$(commit_of "$PKG_TMP/tarball")" ] || fail "a directory outside git gets a commit"
    git -C "$PKG_TMP/repo" init -q
    echo a >"$PKG_TMP/repo/file"
    git -C "$PKG_TMP/repo" add file
    git -C "$PKG_TMP/repo" -c user.name=t -c user.email=t@example.org commit -qm one
    hash=$(git -C "$PKG_TMP/repo" rev-parse --short=12 HEAD)
    got=$(commit_of "$PKG_TMP/repo")
    [ "$got" = "$hash" ] || fail "a clean checkout at $hash gets '$got'"
    echo b >"$PKG_TMP/repo/file"
    got=$(commit_of "$PKG_TMP/repo")
    [ "$got" = "$hash-dirty" ] || fail "a modified checkout at $hash gets '$got'"
    got=$(commit_of "$PKG_TMP/repo/unpacked")
    [ -z "$got" ] || fail "a tarball unpacked inside a repository gets its commit '$got'"
fi

th=$(sed -nE 's/^\.TH RNNSTEP 1 [^ ]+ "rnnstep ([0-9.]+)".*/\1/p' "$SOURCE_DIR/docs/rnnstep.1")
[ "$th" = "$version" ] || fail "docs/rnnstep.1's .TH says version '$th', CMakeLists.txt $version"
entry=$(sed -nE '1s/^rnnstep \(([^)]*)\).*/\1/p' "$SOURCE_DIR/dist/debian/changelog")
[ "$entry" = "$version" ] || fail "dist/debian/changelog's latest entry is '$entry', not $version"
finish
