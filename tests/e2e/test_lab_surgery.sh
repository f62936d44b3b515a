# Weight surgery from the keyboard: * scales the focused parameter (W at
# hidden size 1) by a typed factor, v sets the selected entry to a typed
# value, both in --edit's grammar. An edit is recorded in history (p undoes it
# before any micro-step), changes the loss at once (the same as batch mode's
# --edit), and a --record recording reproduces it when replayed.
source "$(dirname "$0")/lib.sh" "$@"
rec="$E2E_DIR/surgery.rec"
# batch_loss EPOCH ARGS...: the loss batch mode prints for EPOCH, 4 decimals.
batch_loss() { "$RNNSTEP" --batch --epochs "$1" "${@:2}" | awk -v e="$1" '$1 == e { printf "%.4f", $2 }'; }
halved0=$(batch_loss 0 --edit 'W*0.5')
halved1=$(batch_loss 1 --edit 'W*0.5')

e2e_start lab_surgery -- --record "$rec"
e2e_keys "*"
e2e_wait_text "weight edit (Enter): W*0.5"
e2e_keys Enter
e2e_wait_text "scale W x 0.5 (recorded in history: p undoes it)"
e2e_wait_row "^ epoch 0 loss" "$halved0"
e2e_wait_row " W  " -0.2935
# Rewind undoes the edit alone.
e2e_keys p
e2e_wait_row "^ epoch 0 loss" 6.0337
e2e_wait_row " W  " -0.5870
# v offers the selected entry with its value; a typed value replaces it.
e2e_keys v
e2e_wait_text "weight edit (Enter): W[0][0]=-0.587"
e2e_keys C-u
e2e_type "W[0][0]=2"
e2e_keys Enter
e2e_wait_text "set W[0][0] = 2"
e2e_wait_row " W  " 2.0000
# A mistake changes nothing and says why.
e2e_keys v C-u
e2e_type "W[1][0]=1"
e2e_keys Enter
e2e_wait_text "W[1][0] is outside W, which is 1 x 1: nothing changed"
e2e_keys p
e2e_wait_row " W  " -0.5870
e2e_keys "*" Enter e
e2e_wait_row "^ epoch 1 loss" "$halved1"
recorded=$(e2e_screen | head -n -1)
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
tm kill-server

# The replay makes the same edits: the same screen at the end.
events=$(($(sed '1,/^keys$/d' "$rec" | wc -l) - 1))
e2e_start lab_surgery_replay -- --replay "$rec"
for ((i = 0; i < events; i++)); do e2e_keys x; done
e2e_wait_row "^ epoch 1 loss" "$halved1"
[ "$(e2e_screen | head -n -1)" = "$recorded" ] || e2e_fail "the replay shows another screen"
echo "PASS lab_surgery"
