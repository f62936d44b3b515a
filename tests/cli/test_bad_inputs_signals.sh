#!/usr/bin/env bash
# A batch run with --trace killed by SIGINT, SIGTERM, SIGHUP or a closed pipe
# dies of that signal and leaves no temporary file behind; a signal the
# caller ignores (nohup) stays ignored.
# Usage: bash test_bad_inputs_signals.sh RNNSTEP SOURCE_DIR
set -uo pipefail
rnnstep=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
set -m # background jobs then receive SIGINT instead of ignoring it
ulimit -f 200000 # a safety net: the runs below are meant to be killed early

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Polls (up to 10 s) until the trace's temporary file exists.
wait_for_tmp() {
    for _ in $(seq 1000); do
        compgen -G 't.jsonl.tmp*' >/dev/null && return 0
        sleep 0.01
    done
    return 1
}

for sig in INT TERM HUP; do
    "$rnnstep" --batch --epochs 100000000 --trace t.jsonl >/dev/null 2>err.txt &
    pid=$!
    wait_for_tmp || fail "SIG$sig: the run never opened its trace"
    kill -s "$sig" "$pid"
    wait "$pid"
    rc=$?
    want=$((128 + $(kill -l "$sig")))
    [ "$rc" -eq "$want" ] || fail "SIG$sig: exit status $rc, expected $want ($(cat err.txt))"
    leftovers=$(ls -A | tr "\n" " ")
    [ "$leftovers" = "err.txt " ] || fail "SIG$sig: files left behind: $leftovers"
done

# A closed pipe: the reader goes away after the first line.
"$rnnstep" --batch --epochs 100000000 --trace t.jsonl 2>err.txt | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" -eq $((128 + $(kill -l PIPE))) ] || fail "SIGPIPE: exit status $rc ($(cat err.txt))"
leftovers=$(ls -A | tr "\n" " ")
[ "$leftovers" = "err.txt " ] || fail "SIGPIPE: files left behind: $leftovers"

# Under nohup SIGHUP stays ignored: the run goes on and finishes its trace.
(trap '' HUP && exec "$rnnstep" --batch --epochs 20000 --trace t.jsonl >/dev/null 2>err.txt) &
pid=$!
wait_for_tmp || fail "ignored SIGHUP: the run never opened its trace"
kill -s HUP "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "ignored SIGHUP: exit status $rc, expected 0 ($(cat err.txt))"
[ -s t.jsonl ] || fail "ignored SIGHUP: no trace written"

echo "signals: $failures failures"
[ "$failures" -eq 0 ]
