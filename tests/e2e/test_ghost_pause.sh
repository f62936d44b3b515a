# The fork's ghost run follows the explosion-pause toggle as the main run
# does: forked at epoch 600 without clipping while the main run clips, the
# ghost explodes at epoch 657 (the worked example's explosion) and the pair
# pauses there, saying which run exploded; with X (no pause) both go
# through. (The bug: the ghost went through explosions whatever X said.)
source "$(dirname "$0")/lib.sh" "$@"
e2e_start ghost_pause
e2e_type 600e
e2e_wait_text "ran 600 epochs"
e2e_keys F
e2e_wait_text "forked at epoch 600"
e2e_keys c
e2e_wait_text "clip 0.5"
e2e_type 100e
e2e_wait_text "PAUSED: the ghost run exploded, epoch 657, |grad| 1.1784"
e2e_wait_text "epoch 657 |"
# The keys that help: not c or [ ], which change the main run only.
e2e_poll "the ghost pause's hints" sh -c "tail -1 | grep -qF 'e go on'"
e2e_screen | tail -1 | grep -qF "c clip" && e2e_fail "c hinted at the ghost's pause"
e2e_keys X
e2e_wait_text "explosions no longer pause runs"
e2e_type 100e
e2e_wait_text "ran 100 epochs"
e2e_wait_text "epoch 757 |"
e2e_keys l
e2e_wait_text "ghost (forked at epoch 600; no clip)" # the main run clips
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS ghost_pause"
