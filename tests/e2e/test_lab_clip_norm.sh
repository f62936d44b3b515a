# N switches norm clipping on (at 1, or a count: 5N at 5) beside c's
# element clipping: the status line shows clip-norm, training follows batch
# mode's --clip-norm, the diagnostics view marks it on with the scale factor
# of the last update, and rewinding past the change switches it off again;
# at an explosion pause the update's title gives both clippings of that step.
source "$(dirname "$0")/lib.sh" "$@"
batch_loss() { "$RNNSTEP" --batch --epochs "$1" "${@:2}" | awk -v e="$1" '$1 == e { printf "%.4f", $2 }'; }
normed2=$(batch_loss 2 --clip-norm 1)
scale1=$("$RNNSTEP" --batch --epochs 2 --clip-norm 1 | awk '$1 == 1 { sub(/\)/, "", $NF); printf "%.4g", $NF }')

e2e_start lab_clip_norm
e2e_keys N
e2e_wait_text "norm clipping at 1 from the next update"
e2e_type 2e
e2e_wait_row "^ epoch 2 loss" "$normed2"
e2e_wait_text "clip-norm 1"
e2e_keys D
e2e_poll "the norm candidate on" grep -qE "by norm at 1 +1\.0000 +1\.0000 +scale $scale1 \(on\)"
e2e_keys D N
e2e_wait_text "norm clipping off"
e2e_type 5N
e2e_wait_text "norm clipping at 5"
e2e_keys n
e2e_wait_text "clip-norm 5"
# History: a change after a micro-step goes back with it.
e2e_keys N
e2e_wait_text "norm clipping off"
e2e_keys n
e2e_wait_text "forward t=2/4"
e2e_wait_gone "clip-norm"
e2e_keys N
e2e_wait_text "norm clipping at 5"
e2e_keys p
e2e_wait_text "forward t=1/4"
e2e_wait_gone "clip-norm"
# The explosion pause gives both candidates for the exploding step in the
# update's title, the same numbers as D.
e2e_keys r # norm clipping is off again (rewound past N)
e2e_type 1000e
e2e_wait_text "PAUSED: explosion, last update |grad| 1.1784"
e2e_wait_text "exploded update |g| 1.1784: clip 0.5 cos 0.9808, by norm 1 scale 0.8486"
e2e_keys D
e2e_poll "D's element candidate" grep -qE "element-wise at 0\.5 +0\.9131 +0\.9808 +2 of 14 clipped"
e2e_poll "D's norm candidate" grep -qE "by norm at 1 +1\.0000 +1\.0000 +scale 0\.8486"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_clip_norm"
