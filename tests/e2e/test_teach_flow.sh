# Gradient flow view (f) on the worked example: the tanh gates 1 - h_k^2 and
# the Jacobian gauge from the document's h_t and W (||W|| = |W| = 0.5870;
# factors |W| (1 - h_k^2) = 0.5750 0.5322 0.4660 0.5013, product over
# k = 2..4 = 0.1243), rows revealed as BPTT walks back (||dL/dh_4|| =
# |V^T (yhat_4 - y_4)| = 0.2596); then vanishing gradients on a longer text.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_flow

e2e_keys f
e2e_wait_text "Gradient flow through time"
# During the forward pass the cells of the losses computed so far are drawn
# (they need only forward results); the total waits for BPTT.
e2e_type 2n
e2e_wait_text "forward t=2/4"
e2e_wait_row "^ +2 e " 0.9067 0.5322
row1=$(e2e_screen | grep '^ *1 h ')
grep -q '[░▒▓█]' <<<"$row1" || e2e_fail "row 1 empty during the forward pass: $row1"
e2e_screen | grep -q "rows .* of" && e2e_fail "scroll indicator although all 4 rows are shown"
e2e_wait_text "||dL/dh_k|| as BPTT walks back"
e2e_type 2n
e2e_wait_text "forward t=4/4"
e2e_wait_row "Jacobian gauge" 0.5870 0.1243
e2e_wait_row "^ +1 h " 0.9795 0.5750
e2e_wait_row "^ +2 e " 0.9067 0.5322
e2e_wait_row "^ +3 l " 0.7939 0.4660
e2e_wait_row "^ +4 l " 0.8540 0.5013
e2e_screen | grep -q "0.2596" && e2e_fail "row 4 revealed before BPTT reached it"
e2e_keys n
e2e_wait_text "backward t=4/4"
e2e_wait_row "^ +4 l " 0.2596 0.8540 0.5013
e2e_keys f
e2e_wait_gone "Gradient flow"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
tm kill-server

# "hello world, hello rnn", hidden 8: after one epoch the gauge reads
# vanishing and row 1 fades from full blocks near the diagonal to dots
# (below 1e-4) far from it.
e2e_start teach_flow_long -- --text "hello world, hello rnn" --hidden 8
# 21 rows do not fit at 80x24: the view opens at row 1 and says so.
e2e_keys f
e2e_wait_text "Gradient flow through time"
e2e_wait_text "run the forward pass"
e2e_screen | grep -q '^ *1 h ' || e2e_fail "the view did not open at row 1"
e2e_poll "'rows 1-N of 21'" grep -qE -- "rows 1-[0-9]+ of 21, j/k scroll"
e2e_keys e
e2e_wait_text "update done"
e2e_wait_text "vanishing"
row1=$(e2e_screen | grep '^ *1 h ')
grep -q '█' <<<"$row1" || e2e_fail "no strong cell in row 1: $row1"
grep -q '·' <<<"$row1" || e2e_fail "no vanished cell in row 1: $row1"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_flow"
