# w saves the parameters (prompted path), L loads them back: after one epoch
# saved and loaded, epoch 0 of the loaded run has the worked example's
# epoch-1 loss 5.6922; "example" loads the worked example's parameters
# again. A bad path is a message, not a crash.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_save_load

params="$E2E_DIR/params.json"
e2e_keys e
e2e_wait_row "epoch 1 loss" 5.6922
e2e_keys w
e2e_wait_text "save the parameters to"
e2e_keys C-u
e2e_type "$params"
e2e_keys Enter
e2e_wait_text "saved the current parameters"
grep -q '"hidden"' "$params" || e2e_fail "no parameter JSON written"

e2e_type 20e
e2e_wait_text "epoch 21 |"
e2e_keys L
e2e_wait_text "load from (file or example; Enter): $params"
e2e_keys Enter
e2e_wait_text "loaded"
e2e_wait_row "epoch 0 loss" 5.6922

# The answer "example" brings the worked example back (its total 6.0337 at
# epoch 0 and 5.6922 after one epoch), without a restart.
e2e_keys L C-u
e2e_type example
e2e_keys Enter
e2e_wait_text "loaded the worked example"
e2e_wait_row "epoch 0 loss" 6.0337
e2e_keys e
e2e_wait_row "epoch 1 loss" 5.6922

e2e_keys L C-u
e2e_type "$E2E_DIR/missing.json"
e2e_keys Enter
e2e_wait_text "missing.json"
e2e_keys w Escape
e2e_wait_text "cancelled"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_save_load"
