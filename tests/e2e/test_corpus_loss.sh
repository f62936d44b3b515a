# Corpus mode above hidden 16 (the window kernel's blocked products): the
# loss the status line gives for the current parameters is batch mode's loss
# of the same iteration after every way of getting there: micro-steps, e
# from mid-window and from a window start (the forward pass done ahead for
# the loss is taken over by the next iteration), a rewind that undoes an
# update and the step that redoes it, and G back across several iterations
# (a replay from a checkpoint). The loss pane's sum after the forward steps
# adds up to the same number.
source "$(dirname "$0")/lib.sh" "$@"
args=(--text-file "$SOURCE_DIR/tests/data/english.txt" --seq-length 25 --hidden 32
    --optimizer adagrad --clip 5 --seed 3)
"$RNNSTEP" --batch "${args[@]}" --iterations 6 --format csv >"$E2E_DIR/batch.csv" ||
    e2e_fail "batch mode failed"
# batch_loss K: batch mode's loss of iteration K.
batch_loss() { awk -F, -v k="$1" '$1 == k { print $3 }' "$E2E_DIR/batch.csv"; }
# shown K: the status line gives iteration K's loss, batch mode's.
shown() { e2e_wait_row "iteration $1 loss" "$(batch_loss "$1")"; }

E2E_READY="iteration 0" e2e_start corpus_loss -- "${args[@]}"
shown 0
e2e_type 3n
e2e_wait_text "forward t=3/25"
shown 0
e2e_keys e # from mid-window
shown 1
e2e_keys e # from a window start
shown 2
e2e_keys p # undoes the update
e2e_wait_text "backward t=1/25"
shown 1
e2e_keys n # and does it again
shown 2
e2e_type 2e
shown 4
e2e_type 2G # back by a replay
e2e_wait_text "at iteration 2"
shown 2
e2e_type 25n
e2e_wait_text "forward t=25/25"
e2e_wait_row "Σ L_t = " "$(batch_loss 2)"
e2e_keys e
shown 3
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS corpus_loss"
