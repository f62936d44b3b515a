# The loss chart's axes (l, and the chart under the loss pane) at every
# size: the corner under the y axis, y labels at round values right-aligned
# against the axis, x ticks at round epochs (0 10 20 ..., not 0 14 28) each
# in the column whose bar holds that epoch (tests/e2e/chart_axes.py).
source "$(dirname "$0")/lib.sh" "$@"
axes() { python3 "$SOURCE_DIR/tests/e2e/chart_axes.py" "$@"; }
e2e_start chart_axes
e2e_type 100e
e2e_wait_row "epoch 100 loss" 2.0603
e2e_keys l
e2e_wait_text "Loss per epoch, linear scale"
for size in "80 24" "120 40" "200 60" "80 24"; do
    read -r cols rows <<<"$size"
    e2e_resize "$cols" "$rows"
    e2e_poll "the chart's axes at ${cols}x$rows" axes 101
done
e2e_keys y
e2e_wait_text "Loss per epoch, log scale"
e2e_poll "the log chart's axes" axes 101 log
# The chart under the loss pane, where a large screen has rows to spare;
# the loss at the current parameters is its last column, as in the sparkline.
e2e_keys l
e2e_resize 200 60
e2e_wait_text "Loss per epoch (l: full screen)"
e2e_poll "the small chart's axes" axes 101
e2e_type 57e
e2e_wait_row "epoch 157 loss"
e2e_poll "the small chart's axes after 157 epochs" axes 158
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS chart_axes"
