# Ctrl-Z suspends to the shell with the terminal restored (`stty -a` in the
# shell matches before), and `fg` brings the visualiser back with a full
# redraw; the same during autoplay, which goes on playing after `fg`.
source "$(dirname "$0")/lib.sh" "$@"
E2E_SOCKET="rnnstep-$$-suspend"
echo "$E2E_SOCKET" >>"$E2E_DIR/sockets" # e2e_cleanup ends this server too
tm -f /dev/null new-session -d -x 80 -y 24 "env PS1='prompt> ' bash --norc --noprofile -i"
e2e_wait_text "prompt>"
e2e_type "stty -a > $E2E_DIR/stty.before; $(printf '%q' "$RNNSTEP")"
e2e_keys Enter
e2e_wait_text "epoch 0 | start"
e2e_keys n
e2e_wait_row "^ h_1 " 0.1432

# suspend_resume WAIT_TEXT: Ctrl-Z, the shell's terminal as before, then fg
# until WAIT_TEXT is back on screen.
suspend_resume() {
    e2e_keys C-z
    e2e_wait_text "Stopped"
    e2e_wait_gone "Sequence"
    rm -f "$E2E_DIR/stty.after"
    e2e_type "stty -a > $E2E_DIR/stty.after"
    e2e_keys Enter
    e2e_poll "stty -a in the shell" sh -c "test -s '$E2E_DIR/stty.after'"
    cmp -s "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" || {
        diff "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" >&2
        e2e_fail "suspended at '$1': the shell's terminal is not restored"
    }
    e2e_keys C-l
    e2e_type "fg"
    e2e_keys Enter
    e2e_wait_text "$1"
}

suspend_resume "epoch 0 | forward t=1/4"
e2e_wait_row "^ h_1 " 0.1432
e2e_wait_row "_1 = softmax" 0.2398 0.2370 0.2656 0.2576
e2e_keys c + + + Space
e2e_wait_text "playing 25 epochs/s"
suspend_resume "playing 25 epochs/s"
e2e_keys q
e2e_wait_text "prompt>"
echo "PASS suspend"
