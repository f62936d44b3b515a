#!/usr/bin/env bash
# Every catchable signal whose default action ends the process, sent at
# several moments of a --trace run and of a large --save: the run dies of
# that signal (exit status 128 + its number) and leaves no temporary file
# behind. A closed pipe the same; a signal the caller ignores (nohup) stays
# ignored.
# Usage: bash test_bad_inputs_signals.sh RNNSTEP SOURCE_DIR
set -uo pipefail
rnnstep=$(realpath "$1")
work=$(mktemp -d)
# Only this shell cleans up: a forked child killed before it runs rnnstep
# would otherwise run the inherited trap and remove the directory.
trap '[ "$BASHPID" = $$ ] && rm -rf "$work"' EXIT
cd "$work" || exit 1
set -m           # background jobs then receive SIGINT instead of ignoring it
ulimit -f 200000 # a safety net: the runs below are meant to be killed early
ulimit -c 0      # the core-dumping signals (QUIT, SEGV, ...) leave no core file

# A sanitizer build installs its own handlers for the fault signals (BUS,
# FPE, SEGV) and aborts; leave those signals to rnnstep, as a plain build does.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0:handle_sigfpe=0"

failures=0 runs=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# All of them but KILL and STOP (cannot be caught), the ones whose default is
# to ignore or stop (CHLD CONT TSTP TTIN TTOU URG WINCH) and XFSZ, which
# rnnstep ignores on purpose (a write past the limit then fails and is
# reported). Of the real-time signals, the first, the second and the last.
signals=(HUP INT QUIT ILL TRAP ABRT BUS FPE USR1 SEGV USR2 PIPE ALRM TERM STKFLT XCPU
    VTALRM PROF IO PWR SYS RTMIN RTMIN+1 RTMAX)
# The large save costs about a second per run: one signal of each kind.
save_signals=(HUP INT QUIT TERM USR1 ALRM PIPE XCPU RTMIN)

# Polls (up to 60 s: a loaded machine) until a temporary file for $1 exists
# with more than $2 bytes; status 2 when process $3 ended first (on a loaded
# machine a poll can miss a short save: the moment is then tried again).
wait_for_tmp() {
    local f
    for _ in $(seq 6000); do
        for f in "$1".tmp*; do
            [ -e "$f" ] && [ "$(stat -c %s "$f" 2>/dev/null || echo 0)" -gt "$2" ] && return 0
        done
        kill -0 "$3" 2>/dev/null || return 2
        sleep 0.01
    done
    return 1
}

# kill_at SIGNAL NAME MIN_BYTES COMMAND...: runs the command, sends the signal
# once NAME's temporary file has MIN_BYTES (-1: at once), checks the result.
kill_at() {
    local sig=$1 name=$2 bytes=$3 pid rc want
    shift 3
    runs=$((runs + 1))
    local attempt status
    for attempt in 1 2 3; do
        "$@" >/dev/null 2>err.txt &
        pid=$!
        # The signal is for rnnstep, not for the shell forked to start it.
        for _ in $(seq 1000); do
            [ "$(readlink "/proc/$pid/exe")" = "$rnnstep" ] && break
            sleep 0.01
        done
        status=0
        [ "$bytes" -lt 0 ] || wait_for_tmp "$name" "$bytes" "$pid" || status=$?
        if [ "$status" -ne 2 ]; then
            kill -s "$sig" "$pid"
            wait "$pid"
            rc=$?
            # Status 0: the save finished between the poll and the signal.
            [ "$rc" -eq 0 ] && [ "$attempt" -lt 3 ] || break
        else
            wait "$pid"
            rc=$?
        fi
        rm -f ./*.tmp* t.jsonl p.json
    done
    [ "$status" -eq 0 ] || fail "SIG$sig: $name: no temporary file of $bytes bytes appeared"
    want=$((128 + $(kill -l "$sig")))
    [ "$rc" -eq "$want" ] || fail "SIG$sig at $name $bytes: exit status $rc, expected $want ($(cat err.txt))"
    # A signal held during the rename ends the run just after it: the file is
    # then whole, which is allowed; a temporary file never is.
    local leftovers
    leftovers=$(ls -A | grep -v -x -e err.txt -e text256.txt -e "$name" | tr "\n" " ")
    [ -z "$leftovers" ] || fail "SIG$sig at $name $bytes: files left behind: $leftovers"
    [ ! -e "$name" ] || [ "$(tail -c 1 "$name" | od -An -c | tr -d ' ')" = '\n' ] ||
        fail "SIG$sig at $name $bytes: $name is partial"
    rm -f ./*.tmp* t.jsonl p.json
}

trace_run=("$rnnstep" --batch --epochs 100000000 --trace t.jsonl)
for sig in "${signals[@]}"; do
    kill_at "$sig" t.jsonl 0 "${trace_run[@]}"      # as soon as the file exists
    kill_at "$sig" t.jsonl 200000 "${trace_run[@]}" # well into the run
done
kill_at INT t.jsonl -1 "${trace_run[@]}" # before the file exists
kill_at TERM t.jsonl -1 "${trace_run[@]}"

# 256 distinct characters and hidden 512: 10 MB of JSON, written for a while.
for ((i = 0; i < 256; i++)); do
    cp=$((0x100 + i))
    printf "\\x$(printf %02x $((0xC0 | cp >> 6)))\\x$(printf %02x $((0x80 | (cp & 0x3F))))"
done >text256.txt
save_run=("$rnnstep" --batch --epochs 0 --hidden 512 --text-file text256.txt --save p.json)
for sig in "${save_signals[@]}"; do
    kill_at "$sig" p.json 0 "${save_run[@]}" # while the parameters are written
done
kill_at TERM p.json -1 "${save_run[@]}" # while training, before the save

# A closed pipe: the reader goes away after the first line.
"$rnnstep" --batch --epochs 100000000 --trace t.jsonl 2>err.txt | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" -eq $((128 + $(kill -l PIPE))) ] || fail "SIGPIPE: exit status $rc ($(cat err.txt))"
leftovers=$(ls -A | grep -v -x -e err.txt -e text256.txt | tr "\n" " ")
[ -z "$leftovers" ] || fail "SIGPIPE: files left behind: $leftovers"

# Under nohup SIGHUP stays ignored: the run goes on and finishes its trace.
(trap '' HUP && exec "$rnnstep" --batch --epochs 20000 --trace t.jsonl >/dev/null 2>err.txt) &
pid=$!
wait_for_tmp t.jsonl 0 "$pid" || fail "ignored SIGHUP: the run never opened its trace"
kill -s HUP "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "ignored SIGHUP: exit status $rc, expected 0 ($(cat err.txt))"
[ -s t.jsonl ] || fail "ignored SIGHUP: no trace written"

echo "signals: $runs runs, $failures failures"
[ "$failures" -eq 0 ]
