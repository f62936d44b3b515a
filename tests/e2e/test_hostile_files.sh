# The visualiser's files and signals under hostile input: --replay and
# --record of a named pipe or a device end at once with one line and status 2
# (they used to block on a blank screen, or record into /dev/full with exit
# 0); a replay's bad line is named by its line in the file; --record writes
# atomically (an existing file is untouched until the session ends, a full
# disk is reported); SIGUSR1 restores the terminal; RNNSTEP_BENCH_FRAMES and
# the fork's ghost catching up stop at a signal.
source "$(dirname "$0")/lib.sh" "$@"
cd "$E2E_DIR"
mkfifo fifo

exits_with() { # exits_with NAME TEXT ARGS...: rnnstep shows TEXT and exits 2
    local name=$1 text=$2
    shift 2
    E2E_READY="rnnstep has exited" e2e_start "$name" -- "$@"
    e2e_wait_text "$text"
    [ "$(e2e_exit_status)" = 2 ] || e2e_fail "$name: exit status $(cat "$E2E_DIR/status"), expected 2"
}
exits_with replay-fifo "rnnstep: --replay fifo: not a regular file" --replay fifo
exits_with record-fifo "rnnstep: --record fifo: not a regular file" --record fifo
exits_with record-full "rnnstep: --record /dev/full: not a regular file" --record /dev/full
printf 'rnnstep-record 1\nsettings x\nfingerprint 0\nkeys\n101\ntick\nbogus\n' >bad.txt
exits_with replay-line "rnnstep: --replay bad.txt: line 7: not a key code" --replay bad.txt

# An existing file stays whole until the recording is complete.
printf 'keep me\n' >rec.txt
e2e_start record-atomic -- --record rec.txt
e2e_keys e
e2e_wait_text "epoch 1"
[ "$(cat rec.txt)" = "keep me" ] || e2e_fail "--record truncated the file at start"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "--record: exit status $(cat "$E2E_DIR/status")"
[ "$(head -n 1 rec.txt)" = "rnnstep-record 1" ] || e2e_fail "--record: no recording written"
[ -z "$(ls rec.txt.tmp* 2>/dev/null)" ] || e2e_fail "--record left its temporary file"

# A full disk (a file size limit of 0) is reported when the session ends.
printf '#!/bin/sh\nulimit -f 0\nexec %q "$@"\n' "$RNNSTEP" >limited.sh
chmod +x limited.sh
RNNSTEP=$E2E_DIR/limited.sh e2e_start record-limit -- --record full.txt
e2e_keys e q
e2e_wait_text "rnnstep: --record full.txt: write failed: File too large"
[ "$(e2e_exit_status)" = 2 ] || e2e_fail "--record on a full disk: exit status $(cat "$E2E_DIR/status")"
[ ! -e full.txt ] && [ -z "$(ls full.txt.tmp* 2>/dev/null)" ] || e2e_fail "--record on a full disk left a file"

# SIGUSR1 (any ending signal) restores the terminal and gives 128 + its number.
e2e_start usr1
kill -USR1 "$(e2e_pid)"
[ "$(e2e_exit_status)" = $((128 + $(kill -l USR1))) ] || e2e_fail "SIGUSR1: exit status $(cat "$E2E_DIR/status")"
cmp -s stty.before stty.after || e2e_fail "SIGUSR1 left the terminal changed"

# The frame benchmark stops at SIGTERM instead of drawing its 10^9 frames.
E2E_READY=- e2e_start bench RNNSTEP_BENCH_FRAMES=1000000000
for _ in $(seq 100); do [ -s pid ] && break; sleep 0.05; done
sleep 0.5
kill -TERM "$(e2e_pid)"
[ "$(e2e_exit_status)" = 143 ] || e2e_fail "RNNSTEP_BENCH_FRAMES and SIGTERM: exit status $(cat status)"

# After F (fork) the ghost catches up in slices: SIGTERM during a long run
# ends the program at once, not after the ghost has redone the main run's work.
e2e_start ghost
e2e_keys F
e2e_type 1000000000e
sleep 4
start=$SECONDS
kill -TERM "$(e2e_pid)"
[ "$(e2e_exit_status)" = 143 ] || e2e_fail "fork and SIGTERM: exit status $(cat status)"
[ $((SECONDS - start)) -le 2 ] || e2e_fail "fork and SIGTERM: $((SECONDS - start)) s to exit"
echo "PASS hostile files"
