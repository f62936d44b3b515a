#!/usr/bin/env bash
# Every signal that ends a process by default and can be caught, sent to the
# visualiser while it records (--record: its temporary file exists): the
# classic ones (test_stress_signals.sh) and the rest, PIPE, PWR, STKFLT, IO (POLL),
# the real-time signals and the faults (ILL, TRAP, ABRT, BUS, FPE, SEGV, SYS,
# sent with kill). Each time the exit status is 128 + the signal, `stty -a`
# afterwards matches before, and no temporary file is left. One signal of
# each kind also arrives in the middle of a long run and with the save
# prompt open. (XFSZ is ignored: main.c.)
E2E_TIMEOUT=${E2E_TIMEOUT:-60} # the sanitizer build under a loaded machine
source "$(dirname "$0")/lib.sh" "$@"
cd "$E2E_DIR"

# A sanitizer build installs its own handlers for the fault signals (and
# exits 1 with a report): leave them to rnnstep, as test_bad_inputs_signals.sh does.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0:handle_sigfpe=0"
faults="ILL TRAP ABRT BUS FPE SEGV SYS"
others="HUP INT QUIT USR1 USR2 PIPE ALRM TERM STKFLT XCPU VTALRM PROF IO PWR"
realtime=$(for ((s = $(kill -l RTMIN); s <= $(kill -l RTMAX); s++)); do echo "$s"; done)

enter_moment() {
    case "$1" in
    recording) e2e_keys n; e2e_wait_text "forward t=1/4" ;;
    long-run)
        e2e_keys c
        e2e_wait_text "clip 0.5"
        e2e_type 100000000e
        wait_busy "$(e2e_pid)"
        ;;
    save-prompt) e2e_keys w; e2e_wait_text "save the parameters to (Enter)" ;;
    esac
}

# signal_at SIGNAL MOMENT: SIGNAL is a name or a number.
signal_at() {
    local sig=$1 moment=$2 number
    number=$(kill -l "$sig" 2>/dev/null) || number=$sig
    [[ $sig =~ ^[0-9]+$ ]] && number=$sig
    e2e_start "$moment-$sig" -- --record "rec-$sig.txt"
    enter_moment "$moment"
    [ -n "$(ls rec-"$sig".txt.tmp* 2>/dev/null)" ] || e2e_fail "SIG$sig while $moment: no recording under way"
    kill -"$sig" "$(e2e_pid)"
    local status
    status=$(e2e_exit_status)
    [ "$status" = $((128 + number)) ] || e2e_fail "signal $sig while $moment: status $status, expected $((128 + number))"
    cmp -s stty.before stty.after || {
        diff stty.before stty.after >&2 || true
        e2e_fail "signal $sig while $moment: terminal not restored"
    }
    [ -z "$(ls ./*.tmp* 2>/dev/null)" ] || e2e_fail "signal $sig while $moment: left $(ls ./*.tmp*)"
    tm kill-server
    rm -f "rec-$sig.txt" core core.*
}

ulimit -c 0 # the faults' core dumps are not wanted here
for sig in $faults $others $realtime; do signal_at "$sig" recording; done
for sig in SEGV PIPE PWR $(($(kill -l RTMIN) + 3)); do
    signal_at "$sig" long-run
    signal_at "$sig" save-prompt
done
echo "PASS all signals"
