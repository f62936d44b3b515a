# Sourced by cli tests: a scratch directory removed on exit, and fail(),
# which reports a check that failed and counts it (the test then exits 1).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run NAME ARGS...: runs the binary $bin, keeping stdout, stderr and the status.
run() {
    local name=$1
    shift
    "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >"$tmp/$name.rc"
}

expect_status() {
    local name=$1 want=$2 got
    got=$(cat "$tmp/$name.rc")
    [ "$got" = "$want" ] || fail "$name: exit status $got, expected $want ($(head -c 300 "$tmp/$name.err"))"
}
