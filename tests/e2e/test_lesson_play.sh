# --lesson: each lesson in assets/lessons/ played to its end at 80x24, the
# screen checked at the stops where its captions name numbers; the caption
# bar's progress; the status line's hints (the lesson's keys at a pause, Enter
# to come back while exploring); leaving the script at a pause and coming
# back (Enter) to the same screen; Left back to the previous pause; q quits at a pause.
source "$(dirname "$0")/lib.sh" "$@"
lessons="$SOURCE_DIR/assets/lessons"

# next_pause K N: space, then wait for "pause K of N" (or the end when K is "end").
next_pause() {
    e2e_keys Space
    if [ "$1" = end ]; then
        e2e_wait_text "end of the lesson ($2 pauses)"
    else
        e2e_wait_text "pause $1 of $2 "
    fi
}

# ---- the worked example, section by section ----
e2e_start lesson_worked -- --lesson "$lessons/worked-example.lesson"
e2e_wait_text "1 Preprocess: vocabulary h e l o"
e2e_wait_text "pause 1 of 17 "
# The status line gives the lesson's keys, not the stepping ones.
status_has() { e2e_poll "'$1' on the status line" sh -c "tail -1 | grep -qF -- '$1'"; }
status_has "space/Right: on  Left: back  any key explores"
e2e_screen | tail -1 | grep -qF "space play" && e2e_fail "space play hinted at a lesson's pause"
next_pause 2 17
next_pause 3 17
e2e_wait_text "5.1 Forward, step 1"
e2e_wait_row "^ h_1 " 0.1432
at_pause3=$(e2e_screen)
# Leave the script: the normal keys work; Enter comes back to the same screen.
e2e_keys n
e2e_wait_text "exploring  Enter: back to pause 3 of 17"
status_has "Enter: back to the pause"
e2e_wait_text "forward t=2/4"
e2e_keys Enter
e2e_wait_text "pause 3 of 17 "
e2e_poll "the screen of pause 3 again" sh -c "[ \"\$(cat)\" = '$(sed "s/'/'\\\\''/g" <<<"$at_pause3")' ]"
next_pause 4 17
next_pause 5 17
e2e_wait_text "Question: 5.2 Step 2 reads 'e'"
# Left goes back to the previous pause.
e2e_keys Left
e2e_wait_text "pause 4 of 17 "
e2e_wait_text "forward t=1/4"
next_pause 5 17
next_pause 6 17
e2e_wait_text "forward t=2/4"
e2e_wait_row "^ h_2 " -0.3055
for k in 7 8 9 10 11 12 13; do next_pause $k 17; done
e2e_wait_text "6.2-6.6 The update"
e2e_wait_text "update done"
e2e_wait_row "^ W " -0.5870 0.1466 -0.6017
for k in 14 15 16 17; do next_pause $k 17; done
e2e_wait_text "epoch 100 | update done"
e2e_wait_row "epoch 100 loss" 2.0603
next_pause end 17
# After the end the keys work normally; q quits.
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q at the end did not exit with status 0"

# ---- exploding gradients and clipping ----
e2e_start lesson_exploding -- --lesson "$lessons/exploding-gradients.lesson"
e2e_wait_text "pause 1 of 8 "
next_pause 2 8
e2e_wait_text "Question: Will the loss keep falling for 1000 epochs?"
next_pause 3 8
e2e_wait_text "PAUSED: explosion, last update"
e2e_wait_text "epoch 657 loss"
next_pause 4 8
e2e_wait_text "Loss per epoch"
next_pause 5 8
e2e_wait_text "clip 0.5"
e2e_wait_text "epoch 0 | start"
next_pause 6 8
next_pause 7 8
e2e_wait_text "epoch 1000 | update done | sgd lr 0.1 clip 0.5"
e2e_wait_row "epoch 1000 loss" 0.5856
next_pause 8 8
e2e_wait_text "Loss per epoch"
next_pause end 8
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"

# ---- vanishing gradients ----
e2e_start lesson_vanishing -- --lesson "$lessons/vanishing-gradients.lesson"
e2e_wait_text "pause 1 of 7 "
e2e_wait_text "Gradient flow"
next_pause 2 7
e2e_wait_text "forward t=21/21"
next_pause 3 7
e2e_wait_text "Question: BPTT starts at h_21"
next_pause 4 7
e2e_wait_text "backward t=21/21"
next_pause 5 7
e2e_wait_text "backward t=11/21"
next_pause 6 7
e2e_wait_text "product of step norms k=2..21: 0.0250  vanishing"
next_pause 7 7
next_pause end 7
# q at a pause quits too.
e2e_keys Left
e2e_wait_text "pause 7 of 7 "
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q at a pause did not exit with status 0"
