# Go to an epoch: 1000G reaches epoch 1000 in one command, through the
# explosion at epoch 656 that stops 1000e (the loss is batch mode's for
# epoch 1000: 1.3087); 10G goes back to epoch 10 (4.6312, bit for bit the
# state of a run that stopped there); G alone asks for the epoch.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start goto

e2e_type 1000G
e2e_wait_text "at epoch 1000"
e2e_wait_row "epoch 1000 loss" 1.3087
e2e_screen | grep -q "PAUSED" && e2e_fail "go-to paused at the explosion"
e2e_wait_text "explosion"        # but says it went through one

e2e_type 10G
e2e_wait_text "at epoch 10"
e2e_wait_row "epoch 10 loss" 4.6312
at10=$(e2e_screen | grep -v "at epoch 10")

# G without a count asks on the status line.
e2e_keys G
e2e_wait_text "go to epoch (Enter):"
e2e_type 12
e2e_keys Enter
e2e_wait_text "at epoch 12"
e2e_type 2n
e2e_wait_text "forward step t=2"
e2e_type 12G # back from inside epoch 12 to its start: just after update 12
e2e_wait_text "at epoch 12"
e2e_wait_text "epoch 12 | update done"
e2e_type 10G
e2e_wait_text "at epoch 10"
[ "$(e2e_screen | grep -v "at epoch 10")" = "$at10" ] || e2e_fail "epoch 10 looks different the second time"

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS goto"
