#!/usr/bin/env bash
# Batch mode under valgrind memcheck: no invalid access, no use of an
# uninitialised value and no definite or indirect leak, in the normal runs
# (trace, save, load, gradcheck, corpus mode) and in error exits.
# Usage: bash test_valgrind.sh RNNSTEP SOURCE_DIR   (exit 77: skipped)
set -uo pipefail
rnnstep=$(realpath "$1")

source "$(dirname "$0")/../valgrind_common.sh"
valgrind_usable "$rnnstep" || exit 77

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
for i in $(seq 40); do printf 'the quick brown fox jumps over the lazy dog %d\n' "$i"; done >corpus.txt
printf '{"format": "rnnstep-params", "version": 1, "vocab": "helo", "hidden": 1,' >truncated.json
printf 'he\377llo' >invalid-utf8.txt

failures=0
# memcheck WANT_STATUS ARGS...: the run must exit WANT_STATUS with a clean report.
memcheck() {
    local want=$1
    shift
    "${valgrind_memcheck[@]}" --log-file=valgrind.log "$rnnstep" "$@" >stdout.txt 2>stderr.txt
    local rc=$?
    if [ "$rc" -ne "$want" ] || [ -s valgrind.log ]; then
        echo "FAIL: rnnstep $* (exit $rc, expected $want)" >&2
        cat valgrind.log stderr.txt >&2
        failures=$((failures + 1))
    fi
}

memcheck 0 --batch --epochs 5 --hidden 3 --trace trace.jsonl --save params.json
memcheck 0 --batch --epochs 3 --init params.json --format jsonl --optimizer adam --clip 0.5
memcheck 0 --batch --text-file corpus.txt --seq-length 25 --hidden 3 --iterations 8 --every 4 \
    --trace corpus.jsonl --format csv
memcheck 0 --gradcheck --hidden 3 --text "hello world"
memcheck 0 --gradcheck --text-file corpus.txt --seq-length 10 --hidden 2
# Error exits free what they allocated too.
memcheck 2 --batch --init truncated.json
memcheck 2 --batch --text-file invalid-utf8.txt
memcheck 2 --batch --text hello --seq-length 10
memcheck 2 --batch --epochs 2 --save missing-dir/params.json
# Past a file size limit: the write fails with EFBIG, the trace is discarded.
(
    ulimit -f 16
    memcheck 2 --batch --epochs 1000 --trace big.jsonl
    exit $failures
) || failures=$((failures + 1))

[ -s trace.jsonl ] && [ -s corpus.jsonl ] && [ -s params.json ] ||
    { echo "FAIL: an output file is missing" >&2; failures=$((failures + 1)); }
echo "valgrind: $failures failing runs"
[ "$failures" -eq 0 ]
