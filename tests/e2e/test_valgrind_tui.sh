# The visualiser under valgrind memcheck: a scripted session (steps, a count,
# rewind, epochs, autoplay, reset, help, quit) with no memory error and no
# definite or indirect leak. Memory ncurses keeps until exit is "still
# reachable" and not counted. Resizes are left to test_resize and
# test_stress_sizes (ASan checks their memory): under valgrind on a loaded
# machine a redraw after a resize took longer than any sensible timeout.
# Exit 77: skipped.
source "$(dirname "$0")/../valgrind_common.sh"
valgrind_usable "$1" || exit 77
E2E_TIMEOUT=${E2E_TIMEOUT:-90} # valgrind runs the program 20-50 times slower
source "$(dirname "$0")/lib.sh" "$@"

binary=$RNNSTEP
RNNSTEP=$(command -v valgrind) # e2e_start runs "$RNNSTEP" ARGS...
e2e_start valgrind -- "${valgrind_memcheck[@]:1}" --log-file="$E2E_DIR/valgrind.log" "$binary"

e2e_keys n n n
e2e_wait_text "forward t=3/4"
e2e_keys p
e2e_wait_text "forward t=2/4"
e2e_type 7n
e2e_wait_text "update done"
e2e_type 20e
e2e_wait_text "epoch 21"
e2e_keys Space
e2e_wait_text "playing"
e2e_keys Space
e2e_wait_gone "playing"
e2e_keys r
e2e_wait_text "epoch 0 | start"
e2e_keys '?'
e2e_wait_text "─ Keys ─"
e2e_keys x
e2e_wait_gone "─ Keys ─"
e2e_keys q
status=$(e2e_exit_status)
[ "$status" = 0 ] || e2e_fail "exit status $status under valgrind: $(cat "$E2E_DIR/valgrind.log")"
[ ! -s "$E2E_DIR/valgrind.log" ] || e2e_fail "valgrind reported: $(cat "$E2E_DIR/valgrind.log")"
echo "PASS valgrind_tui"
