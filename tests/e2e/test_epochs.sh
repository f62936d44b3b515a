# Whole epochs: `e` from the start shows the epoch-1 total 5.6922, `100e`
# (a count prefix) shows 2.0603, a long run pauses at the gradient explosion
# near epoch 656 and says so, and autoplay runs and stops.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start epochs

e2e_keys e
e2e_wait_row "epoch 1 loss" 5.6922
e2e_wait_text "update done"

e2e_keys r
e2e_wait_text "epoch 0 loss"
e2e_wait_text "reset to epoch 0; lr, optimiser and clip kept"
e2e_type 100e
e2e_wait_row "epoch 100 loss" 2.0603
# The lowest loss so far includes the current one (it lagged one epoch).
e2e_wait_row "lowest" 2.0603

# The explosion (docs/worked-example.md): a 1000-epoch run stops there and explains.
e2e_type 1000e
e2e_wait_text "PAUSED: explosion, last update"
epoch=$(e2e_screen | sed -n 's/.*epoch \([0-9][0-9]*\) loss.*/\1/p' | head -1)
[ "$epoch" -ge 650 ] && [ "$epoch" -le 665 ] || e2e_fail "paused at epoch $epoch, not near 656"
# The message names no epoch but the status line's own, and the norm it quotes.
e2e_wait_text "epoch $epoch |  PAUSED: explosion, last update |grad| 1.1784"
# + while paused says the speed is for the next autoplay.
e2e_keys +
e2e_wait_text "when playing (paused: space plays)"

# Autoplay: steps on its own until space stops it.
e2e_keys r
e2e_wait_text "epoch 0 | start"
e2e_keys Space
e2e_wait_text "playing"
e2e_wait_text "forward t=2/4"
e2e_keys Space
e2e_wait_gone "playing"

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS epochs"
