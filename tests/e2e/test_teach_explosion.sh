# The explosion demo (README, Teaching tools): 1000e pauses near epoch 656
# and suggests clipping; r, c, 1000e runs through (loss about 0.59, docs/worked-example.md)
# and the loss chart marks the epochs where clipping fired.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_explosion

e2e_type 1000e
e2e_wait_text "PAUSED: explosion, last update"
e2e_wait_text "c clip  X: no pause"
epoch=$(e2e_screen | sed -n 's/.*epoch \([0-9][0-9]*\) loss.*/\1/p' | head -1)
[ "$epoch" -ge 650 ] && [ "$epoch" -le 665 ] || e2e_fail "paused at epoch $epoch, not near 656"
# The sparkline's clipping marks (their role, not their colour) are checked
# by the golden screens of tests/golden/clipping.keys.

e2e_keys r
e2e_wait_text "epoch 0 | start"
e2e_keys c
e2e_wait_text "sgd lr 0.1 clip 0.5"
e2e_type 1000e
e2e_wait_text "ran 1000 epochs"
loss=$(e2e_screen | sed -n 's/.*epoch 1000 loss \(-*[0-9.]*\).*/\1/p' | head -1)
awk -v l="$loss" 'BEGIN { exit !(l > 0.55 && l < 0.63) }' || e2e_fail "epoch-1000 loss $loss is not about 0.59"
e2e_screen | grep -q "PAUSED" && e2e_fail "clipping at 0.5 still exploded"

# The chart's events row: clipping fired early on and again from about 662.
e2e_keys l
e2e_wait_text "Loss per epoch"
e2e_screen | grep -q '^events .*c' || e2e_fail "no clipping marks on the chart"
e2e_screen | grep -q '^events .*!' && e2e_fail "an explosion is marked despite clipping"

# C changes the value through a prompt; 0 switches clipping off.
e2e_keys l C C-u
e2e_type 0
e2e_keys Enter
e2e_wait_text "clip off from the next update"
e2e_wait_gone "lr 0.1 clip"

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_explosion"
