# The layout hands spare rows to the panes that can use them: on the first
# screen (the equation pane shows the one-hot vectors, the forward steps
# about to come with the parameters now, BPTT's formulas and the
# parameters), during the forward pass (the steps still to come below the
# short ledger), after an epoch (the equation pane's ledger full, the loss
# chart below the loss numbers) and after 100, no more than a handful of
# screen rows are blank at 200x60 and 120x40. At 80x24 every pane keeps its minimum (the worked
# example tests read every number there).
source "$(dirname "$0")/lib.sh" "$@"
blank_rows() { e2e_screen | grep -c '^ *$' || true; }
e2e_start layout_space
for size in "200 60" "120 40"; do
    read -r cols rows <<<"$size"
    e2e_resize "$cols" "$rows"
    e2e_keys r
    e2e_wait_text "epoch 0 | start"
    e2e_wait_text "Loss per epoch (l: full screen)"
    e2e_wait_text "'h' = [1 0 0 0]   'e' = [0 1 0 0]   'l' = [0 0 1 0]   'o' = [0 0 0 1]"
    e2e_wait_text "h_1 = tanh(U[h] + W h_0 + b) = tanh(0.1442 + (-0.5870)(0.0000) + 0.0000)"
    n=$(blank_rows)
    [ "$n" -le 5 ] || e2e_fail "$n blank rows at ${cols}x$rows on the first screen"
    # The forward pass, its ledger still short: the steps to come fill the
    # rows (the bug: 19 blank rows at 200x60 after n).
    for k in 1 2 3 4; do
        e2e_keys n
        e2e_wait_text "forward t=$k/4"
        n=$(blank_rows)
        [ "$n" -le 5 ] || e2e_fail "$n blank rows at ${cols}x$rows after forward step $k"
    done
    e2e_keys r
    e2e_wait_text "epoch 0 | start"
    e2e_keys n
    e2e_wait_text "Still to come, forward steps t = 2..4 with the parameters now"
    e2e_wait_text "h_2 = tanh(U[e] + W h_1 + b) = tanh(-0.2315 + (-0.5870)(0.1432) + 0.0000)"
    e2e_keys r
    e2e_wait_text "epoch 0 | start"
    e2e_keys e
    e2e_wait_row "epoch 1 loss" 5.6922
    e2e_wait_text "Loss per epoch"
    e2e_wait_text "backward step t=1"
    n=$(blank_rows)
    [ "$n" -le 5 ] || e2e_fail "$n blank rows at ${cols}x$rows after an epoch"
    e2e_type 99e
    e2e_wait_row "epoch 100 loss" 2.0603
    n=$(blank_rows)
    [ "$n" -le 5 ] || e2e_fail "$n blank rows at ${cols}x$rows after 100 epochs"
done
# 100x30, a projector with a large font: every pane is there, its numbers
# whole (the loss pane's and the update's of epoch 100).
e2e_resize 100 30
for title in "Sequence" "Hidden state" "Loss L" "Softmax" "Parameters and gradients" "Equation: update"; do
    e2e_wait_text "$title"
done
e2e_wait_row "epoch 100 loss" 2.0603
e2e_wait_row "^ W " -0.7234 -0.0269 -0.7207
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS layout_space"
