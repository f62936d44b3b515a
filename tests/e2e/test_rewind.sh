# `p` and Backspace rewind exactly one micro-step: the screen after n n n p
# is the screen after n n.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start rewind

e2e_keys n n
e2e_wait_text "forward t=2/4"
before=$(e2e_screen)
e2e_keys n
e2e_wait_text "forward t=3/4"
e2e_keys p
e2e_wait_text "forward t=2/4"
[ "$(e2e_screen)" = "$before" ] || e2e_fail "screen after n n n p differs from n n"

# Backspace too, across the update into the previous epoch.
e2e_type 7n
e2e_wait_text "update done"
after_update=$(e2e_screen)
e2e_keys n
e2e_wait_text "epoch 1 | forward t=1/4"
e2e_keys BSpace
e2e_wait_text "update done"
[ "$(e2e_screen)" = "$after_update" ] || e2e_fail "Backspace did not restore the update screen"

e2e_type 100p
e2e_wait_text "epoch 0 | start"
e2e_wait_text "rewound 9 steps"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS rewind"
