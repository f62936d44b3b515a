# Gradient check view (g): BPTT and finite differences agree with each other
# and with the worked example's gradients (dL/dW 0.1466, dL/db -0.2436,
# dL/dc 1.0686 0.0917 -1.1028 -0.0575), every entry passes; right after an
# update the check is still of the gradient it applied (the one the panes
# show), and from the next micro-step of the new parameters.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_gradcheck

e2e_keys g
e2e_wait_text "Gradient check"
e2e_wait_row "^ W " 0.1466 0.1466
e2e_wait_row "^ b " -0.2436 -0.2436
e2e_wait_row "^ c\\[h\\]" 1.0686 1.0686
e2e_wait_row "^ c\\[e\\]" 0.0917 0.0917
e2e_wait_row "^ c\\[l\\]" -1.1028 -1.1028
e2e_wait_row "^ c\\[o\\]" -0.0575 -0.0575
e2e_wait_text "(14 entries"
[ "$(e2e_screen | grep -c '✓')" -eq 19 ] || e2e_fail "not all 14 entries and 5 parameters pass"
e2e_screen | grep -q '✗' && e2e_fail "an entry fails the check"
before=$(e2e_screen | grep '^ W ')
e2e_keys e
e2e_wait_text "update done"
[ "$(e2e_screen | grep '^ W ')" = "$before" ] || e2e_fail "after e the check is not of the update's gradient"
e2e_keys n
e2e_wait_text "forward t=1/4"
e2e_poll "the check to follow the new parameters" sh -c "! grep -qF -- '$before'"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_gradcheck"
