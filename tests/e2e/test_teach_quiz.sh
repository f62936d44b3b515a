# Quiz mode (Q): n asks first. The worked example predicts 'l' after 'h' and
# 'e' after 'e'; dL/dh_4 = V^T (yhat_4 - y_4) = -0.2596 is negative; the
# update moves W by -0.1 x 0.1466, down.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_quiz

e2e_keys Q
e2e_wait_text "quiz on"
e2e_keys n
e2e_wait_text "which character will it predict"
e2e_wait_text "epoch 0 |"
e2e_keys l
e2e_wait_text "RIGHT: it predicts 'l' (score 1/1)"
e2e_wait_text "forward t=1/4"
e2e_keys n l
e2e_wait_text "WRONG: it predicts 'e' (score 1/2)"
e2e_type 2n
e2e_wait_text "forward t=4/4"
e2e_keys n
e2e_wait_text "will dL/dh_4 be + or -"
e2e_keys x
e2e_wait_text "type + or -"
e2e_keys -
e2e_wait_text "RIGHT: dL/dh_4 = -0.2596 (score 2/3)"
e2e_type 3n
e2e_wait_text "backward t=1/4"
e2e_keys n
e2e_wait_text "will W go up (+) or down (-)"
e2e_keys +
e2e_wait_text "WRONG: W changes by -1.47e-02 (score 2/4)"
e2e_wait_text "update done"
e2e_keys n Escape
e2e_wait_text "question skipped: stepped on, not scored (score 2/4)"
# Skipped means answered by the step: the next n asks about the next step.
e2e_wait_text "Equation: forward step t=1 of 4"
e2e_keys n
e2e_wait_text "after reading 'e' (t=2)"
e2e_keys Escape
e2e_wait_text "Equation: forward step t=2 of 4"
e2e_keys Q
e2e_wait_text "quiz off: score 2/4"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_quiz"
