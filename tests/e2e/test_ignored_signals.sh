# A signal the caller ignores (nohup's HUP, a script's trap '' INT) stays
# ignored: it neither ends the visualiser nor cuts a long run short, at the
# start and in mid-run, while a signal left at its default still ends it
# (128 + the signal, the terminal restored). (The bug: every terminating
# signal got the visualiser's handler, so nohup rnnstep died of a hangup.)
source "$(dirname "$0")/lib.sh" "$@"
ignored="HUP INT QUIT TERM USR1 PIPE ALRM"

send_ignored() {
    local sig
    for sig in $ignored; do
        kill -"$sig" "$(e2e_pid)" 2>/dev/null || e2e_fail "rnnstep ended before SIG$sig: $(cat "$E2E_DIR/status")"
    done
}

E2E_IGNORE=$ignored e2e_start ignored
send_ignored
e2e_keys n
e2e_wait_text "forward t=1/4"
kill -0 "$(e2e_pid)" || e2e_fail "an ignored signal ended rnnstep"

# In a long run: still computing after them, then USR2 (not ignored) ends it.
e2e_keys c
e2e_wait_text "clip 0.5"
e2e_type 100000000e
wait_busy "$(e2e_pid)"
send_ignored
wait_busy "$(e2e_pid)"
kill -USR2 "$(e2e_pid)"
status=$(e2e_exit_status)
[ "$status" = $((128 + $(kill -l USR2))) ] || e2e_fail "USR2 after the ignored signals: status $status"
cmp -s "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" || e2e_fail "USR2: terminal not restored"
echo "PASS ignored signals"
