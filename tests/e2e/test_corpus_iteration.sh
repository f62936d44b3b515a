# Corpus mode: after an update every pane shows the iteration the counter
# says. After e the counter reads iteration 1 and the sequence pane shows
# window 1 (at 25, nothing computed in it yet), whose loss at the current
# parameters the loss pane gives: the next forward pass adds up to it. (The
# bug: the window just trained, at 0, beside the moved-on counter.)
source "$(dirname "$0")/lib.sh" "$@"
E2E_READY="iteration 0" e2e_start corpus_iteration -- \
    --text-file "$SOURCE_DIR/tests/data/english.txt" --seq-length 25
e2e_wait_text "Window at 0 of 2879, pass 1"
e2e_keys e
e2e_wait_text "iteration 1 | update done"
e2e_wait_text "Window at 25 of 2879, pass 1"
e2e_wait_text "L_t (none yet this iteration)"
e2e_wait_text "x_1 '␣' → y_1 'a'"
e2e_wait_text "e iteration"
loss=$(e2e_screen | grep -o 'iteration 1 loss [0-9.]*' | awk '{print $4}')
[ -n "$loss" ] || e2e_fail "no iteration 1 loss"
e2e_type 25n
e2e_wait_text "forward step t=25 of 25"
e2e_wait_text "Window at 25 of 2879, pass 1"
e2e_wait_row "Σ L_t = " "$loss"
e2e_keys n
e2e_wait_text "Window at 25 of 2879, pass 1"
e2e_keys e
e2e_wait_text "iteration 2 | update done"
e2e_wait_text "Window at 50 of 2879, pass 1"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS corpus_iteration"
