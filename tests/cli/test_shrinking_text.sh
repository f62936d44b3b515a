#!/usr/bin/env bash
# A text file that shrinks while rnnstep reads it gives one clear error or a
# consistent run, never a death by SIGBUS (the text used to be memory-mapped,
# and a mapped page past the new end of file kills the process on access).
# Usage: bash test_shrinking_text.sh RNNSTEP SOURCE_DIR
set -uo pipefail
rnnstep=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Truncated at several moments: before, during and after the read and decode.
for delay in 0 0.02 0.05 0.1 0.2 0.4; do
    yes 'the quick brown fox jumps' | head -c 100M >big.txt
    "$rnnstep" --batch --text-file big.txt --seq-length 25 --iterations 1 >out.txt 2>err.txt &
    pid=$!
    sleep "$delay"
    truncate -s 4096 big.txt
    wait "$pid"
    rc=$?
    err=$(cat err.txt)
    case $rc in
    0) grep -q '^ *iteration' out.txt || fail "delay $delay: exit 0 without a table" ;;
    2) [[ $err == "rnnstep: big.txt: "* && $(wc -l <err.txt) -eq 1 ]] ||
        fail "delay $delay: exit 2 without one clear line: $err" ;;
    *) fail "delay $delay: exit status $rc (a signal death?); stderr: $err" ;;
    esac
done

echo "shrinking text: $failures failures"
[ "$failures" -eq 0 ]
