# Ctrl-Z suspends to the shell with the terminal restored, and `fg` brings
# the visualiser back with a full redraw.
source "$(dirname "$0")/lib.sh" "$@"
E2E_SOCKET="rnnstep-$$-suspend"
tm -f /dev/null new-session -d -x 80 -y 24 "env PS1='prompt> ' bash --norc --noprofile -i"
e2e_wait_text "prompt>"
e2e_type "$(printf '%q' "$RNNSTEP")"
e2e_keys Enter
e2e_wait_text "epoch 0 | start"
e2e_keys n
e2e_wait_row "^ h_1 " 0.1432
e2e_keys C-z
e2e_wait_text "Stopped"
e2e_wait_gone "Sequence"
e2e_keys C-l
e2e_type "fg"
e2e_keys Enter
e2e_wait_row "^ h_1 " 0.1432
e2e_wait_text "epoch 0 | forward t=1/4"
e2e_wait_row "_1 = softmax" 0.2398 0.2370 0.2656 0.2576
e2e_keys q
e2e_wait_text "prompt>"
echo "PASS suspend"
