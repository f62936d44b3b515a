# The terminal is restored: q exits 0, Ctrl-C, SIGTERM and SIGHUP end the
# program, and each time `stty -a` afterwards matches before.
source "$(dirname "$0")/lib.sh" "$@"

check_restored() {
    cmp -s "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" ||
        { diff "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" >&2; e2e_fail "$1: terminal not restored"; }
    tmux -L "$E2E_SOCKET" kill-server
}

e2e_start quit
e2e_keys n
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
check_restored q

e2e_start ctrlc
e2e_keys n C-c
[ "$(e2e_exit_status)" = 130 ] || e2e_fail "Ctrl-C: status $(cat "$E2E_DIR/status")"
check_restored Ctrl-C

for sig in TERM HUP; do
    e2e_start "sig$sig"
    e2e_keys n
    e2e_wait_text "forward t=1/4"
    kill -"$sig" "$(e2e_pid)"
    status=$(e2e_exit_status)
    [ "$status" = $((128 + $(kill -l "$sig"))) ] || e2e_fail "SIG$sig: status $status"
    check_restored "SIG$sig"
done
echo "PASS terminal"
