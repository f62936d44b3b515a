# Shared set-up of the install and packaging tests: the arguments, the cli
# tests' scratch directory (removed at exit) and fail(), which reports every
# failure before the test fails.
# Usage in a test: source "$(dirname "$0")/lib.sh" "$@"
set -u
RNNSTEP=$(realpath "${1:?usage: test.sh RNNSTEP SOURCE_DIR BUILD_DIR}")
SOURCE_DIR=${2:?usage: test.sh RNNSTEP SOURCE_DIR BUILD_DIR}
BUILD_DIR=${3:?usage: test.sh RNNSTEP SOURCE_DIR BUILD_DIR}
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
PKG_TMP=$tmp

# Skips the test (status 77) unless every named program is installed.
need() {
    local p
    for p; do
        command -v "$p" >/dev/null || {
            echo "SKIP: $p is not installed (scripts/deps.sh test installs it)"
            exit 77
        }
    done
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo PASS
}

# The version CMakeLists.txt gives the project.
project_version() {
    sed -nE 's/^project\(rnnstep VERSION ([0-9.]+).*/\1/p' "$SOURCE_DIR/CMakeLists.txt"
}

# Every option name --help mentions anywhere, one a line: deliberately looser
# than the option column the completion script reads, so an option listed
# in an unusual way is still counted.
help_options() {
    "$RNNSTEP" --help | grep -oE '(^|[[:space:],(])--?[[:alpha:]][[:alnum:]-]*' |
        sed -E 's/^[[:space:],(]//' | sort -u
}
