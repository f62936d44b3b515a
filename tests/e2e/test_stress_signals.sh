# SIGINT, SIGTERM, SIGHUP and SIGQUIT at several moments (idle, autoplay at
# full speed, in the middle of a 10^8-epoch run, with the help overlay open,
# in the learning-rate prompt): each time rnnstep exits promptly with status
# 128 + the signal and `stty -a` afterwards matches before. (Ctrl-Z and fg:
# test_suspend.sh.)
E2E_TIMEOUT=${E2E_TIMEOUT:-60} # the sanitizer build under a loaded machine
source "$(dirname "$0")/lib.sh" "$@"

# Puts the program into the named state.
enter_moment() {
    case "$1" in
    idle) e2e_keys n; e2e_wait_text "forward t=1/4" ;;
    autoplay)
        e2e_keys c + + + + +
        e2e_wait_text "2500 epochs/s"
        e2e_keys Space
        e2e_wait_text "playing 2500 epochs/s"
        ;;
    long-run)
        # About a minute of work even in the optimised build: the signal
        # must interrupt it, not wait for it.
        e2e_keys c
        e2e_wait_text "clip 0.5"
        e2e_type 100000000e
        wait_busy "$(e2e_pid)"
        ;;
    help) e2e_keys '?'; e2e_wait_text "Keys" ;;
    prompt) e2e_keys R; e2e_wait_text "learning rate" ;;
    esac
}

for moment in idle autoplay long-run help prompt; do
    for sig in INT TERM HUP QUIT; do
        e2e_start "$moment-$sig"
        enter_moment "$moment"
        kill -"$sig" "$(e2e_pid)"
        status=$(e2e_exit_status)
        [ "$status" = $((128 + $(kill -l "$sig"))) ] || e2e_fail "SIG$sig while $moment: status $status"
        cmp -s "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" || {
            diff "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" >&2
            e2e_fail "SIG$sig while $moment: terminal not restored"
        }
        tm kill-server
    done
done

echo "PASS stress_signals"
