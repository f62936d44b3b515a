# Resizing 80x24 -> 200x60 -> 60x15 -> 80x24 while stepping: every size
# draws, 60x15 says the terminal is too small, and back at 80x24 the screen
# is exactly that of a fresh run at the same step (no leftovers).
source "$(dirname "$0")/lib.sh" "$@"
e2e_start resize

e2e_keys n
e2e_wait_row "^ h_1 " 0.1432
e2e_resize 200 60
e2e_wait_text "Equation: forward step t=1"
e2e_keys n
e2e_wait_row "^ h_2 " -0.3055
e2e_wait_row "_2 = softmax" 0.2712 0.2780 0.2180 0.2327
e2e_resize 60 15
e2e_wait_text "terminal too small: need 80x24"
e2e_resize 80 24
e2e_wait_gone "too small"
e2e_keys n
e2e_wait_row "^ h_3 " -0.4540
resized=$(e2e_screen)

E2E_SOCKET_FIRST=$E2E_SOCKET
e2e_start fresh
e2e_type 3n
e2e_wait_row "^ h_3 " -0.4540
fresh=$(e2e_screen)
[ "$resized" = "$fresh" ] || { diff <(echo "$resized") <(echo "$fresh") >&2; e2e_fail "resized screen differs from a fresh one"; }
tmux -L "$E2E_SOCKET_FIRST" kill-server
echo "PASS resize"
