# The truncation view (K): for K = 1..T the truncated gradient of U, W and b
# beside the full one, with the numbers --gradcheck --truncate K reports for
# the same K (relative error as a percentage, cosine); the row of the K in
# effect is marked and follows { and }; a K changed after a micro-step is
# undone by rewinding that step; a forked run with another K is drawn beside
# this one.
source "$(dirname "$0")/lib.sh" "$@"

# What batch mode says of K = 2 (param, relative error, cosine): the view
# must show the same figures.
bias=$("$RNNSTEP" --gradcheck --truncate 2 | awk '/^param +\|\|a - n\|\|/ { bias = 1; next }
    bias && ($1 == "U" || $1 == "W" || $1 == "b") { printf "%s %.1f %.4f\n", $1, $2 * 100, $3 }')
[ "$(echo "$bias" | wc -l)" = 3 ] || e2e_fail "gradcheck --truncate 2 printed no bias table: $bias"

e2e_start lab_truncation
e2e_keys K
e2e_wait_text "Truncated BPTT: each L_t reaches back K steps, K=4 of T=4"
e2e_wait_text "full BPTT:  ||dL/dU||"
# Full BPTT is K = T: no error, cosine 1, the full norm of dL/dW.
e2e_wait_row "^→ +4 " 0.0 0.0 1.0000 0.1466 0.0 1.0000
want=$(echo "$bias" | awk '{ printf "%s %s ", $2, $3 }')
# Row K = 2: norm, err, cosine for U, then W, then b.
row2=$(e2e_screen | grep -E '^ +2 ')
got=$(echo "$row2" | awk '{ gsub("%", ""); printf "%s %s %s %s %s %s ", $4, $5, $7, $8, $10, $11 }')
[ "$got" = "$want" ] || e2e_fail "K=2 row '$row2' is not what --gradcheck --truncate 2 gives ($want)"

# { moves the mark (and the title) to K = 3, } back to full BPTT.
e2e_keys "{"
e2e_wait_text "K=3 of T=4"
e2e_poll "the mark on K=3" grep -qE '^→ +3 '
e2e_keys "}"
e2e_wait_text "K=4 of T=4"
e2e_poll "the mark on K=4" grep -qE '^→ +4 '

# History: K set after a micro-step goes back with it.
e2e_keys n
e2e_wait_text "forward t=1/4"
e2e_keys "{" "{"
e2e_wait_text "K=2 of T=4"
e2e_keys p
e2e_wait_text "epoch 0 | start"
e2e_wait_text "K=4 of T=4"
e2e_poll "the mark back on K=4" grep -qE '^→ +4 '

# A fork with another K: the view shows both runs' losses, each named by
# the K it trains with, and so does the loss chart.
e2e_keys F "{" "{"
e2e_type 20e
e2e_wait_text "epoch 20 |"
e2e_wait_text "Loss per epoch: this run and the ghost run"
e2e_wait_text "this run (K=2)"
e2e_wait_text "ghost (forked at epoch 0; full BPTT)"
e2e_keys l
e2e_wait_text "this run (K=2)"
e2e_keys l # back to the panes
e2e_wait_gone "Truncated BPTT"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_truncation"
