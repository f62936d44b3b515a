# Pausing at explosions toggles inside the visualiser: the pause says how to
# go on (c, [ and ], P), P turns pausing off so 1000e runs through to epoch
# 1000, and P turns it back on.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start explosion_pause

e2e_type 1000e
e2e_wait_text "PAUSED: explosion, last update"
e2e_wait_text "X: no pause"
e2e_keys X
e2e_wait_text "explosions no longer pause"
e2e_type 1000e # from epoch 657 to 1657, no pause
e2e_wait_text "ran 1000 epochs"
e2e_screen | grep -q "PAUSED" && e2e_fail "paused with pausing off"

e2e_keys r
e2e_wait_text "epoch 0 | start"
e2e_type 1000e
e2e_wait_text "ran 1000 epochs"
e2e_wait_row "epoch 1000 loss" 1.3087
e2e_keys X
e2e_wait_text "explosions pause runs again"
e2e_keys r
e2e_wait_text "epoch 0 | start"
e2e_type 1000e
e2e_wait_text "PAUSED: explosion, last update"

e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS explosion_pause"
