# Live changes: ] doubles and [ halves the learning rate, R types one, o
# switches the optimiser; each takes effect at the next update and is
# recorded in history, so rewinding past the change restores the old value.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_settings

e2e_keys n
e2e_wait_text "forward t=1/4"
e2e_keys ]
e2e_wait_text "sgd lr 0.2"
e2e_keys n
e2e_wait_text "forward t=2/4"
e2e_keys p
e2e_wait_text "forward t=1/4"
e2e_wait_text "sgd lr 0.2"
e2e_keys p
e2e_wait_text "epoch 0 | start"
e2e_wait_text "sgd lr 0.1"

# The update uses the new rate: W after one epoch with lr 0.05 is
# -0.5870 - 0.05 * 0.1466 = -0.5943 (dL/dW from the worked example).
e2e_keys [
e2e_wait_text "sgd lr 0.05"
e2e_keys e
e2e_wait_row "^ W " -0.5943

e2e_keys R C-u
e2e_type 0.3
e2e_keys Enter
e2e_wait_text "sgd lr 0.3"
e2e_keys R C-u
e2e_type abc
e2e_keys Enter
e2e_wait_text "not a valid value"
e2e_wait_text "sgd lr 0.3"

e2e_keys o
e2e_wait_text "momentum lr 0.3"
e2e_keys o o o
e2e_wait_text "sgd lr 0.3"

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_settings"
