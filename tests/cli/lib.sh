# Sourced by cli tests: a scratch directory removed on exit, and fail(),
# which reports a check that failed and counts it (the test then exits 1).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
