# The shipped BPTT-lab lesson (assets/lessons/bptt-lab.lesson) played to its
# end at 80x24, each stop's screen checked against the numbers its captions
# name: the truncation view at the start (K = 2 loses 4.7%, dL/db 57.6% off;
# dL/dW exact at K = 3), 100 epochs truncated to K = 2 (2.0580), the no-carry
# bug caught by g (U, W, b fail; V, c pass), the explosion of epoch 657
# (|grad| 1.1784) with both clippings in D, and norm clipping from the start
# through epoch 1000 (0.7096).
source "$(dirname "$0")/lib.sh" "$@"
pauses=13

stop() { # stop K: space, then wait for pause K (or the end)
    e2e_keys Space
    if [ "$1" = end ]; then
        e2e_wait_text "end of the lesson ($pauses pauses)"
    else
        e2e_wait_text "pause $1 of $pauses "
    fi
}
# the gradient check's summary row of a parameter
g_row() { e2e_poll "g: $1" grep -qE "^   $1 .*$2"; }

e2e_start lesson_bptt_lab -- --lesson "$SOURCE_DIR/assets/lessons/bptt-lab.lesson"
e2e_wait_text "pause 1 of $pauses "
e2e_wait_text "Truncated BPTT: each L_t reaches back K steps, K=4 of T=4"
e2e_wait_row "^    2 " 4.7 0.8225 13.0 0.9935 0.1545 5.4 1.0000 0.1033 57.6
stop 2
e2e_wait_text "Question: At K = 3 one of U, W and b is already exact"
stop 3
e2e_wait_row "^    3 " 0.0 0.7572 4.1 0.9995 0.1466 0.0
stop 4
e2e_wait_text "K=2 of T=4"
e2e_wait_row "^→ +2 " 4.7 0.8225
stop 5
stop 6
e2e_wait_text "epoch 100 | update done | sgd lr 0.1 | K=2 of 4"
e2e_wait_text "Epoch 100: 2.0580"
[ "$("$RNNSTEP" --batch --epochs 101 --truncate 2 | awk '$1 == 100 { printf "%.4f", $2 }')" = 2.0580 ] ||
    e2e_fail "the caption's 2.0580 is not the loss at epoch 100 with --truncate 2"
stop 7
e2e_wait_text "bug no-carry"
stop 8
stop 9
e2e_wait_text "Gradient check: BPTT with the bug no-carry vs central differences"
g_row U "3 failed"
g_row W "1 failed"
g_row b "1 failed"
g_row V "✓"
g_row c "✓"
stop 10
e2e_wait_text "epoch 657 |  PAUSED: explosion, last update |grad| 1.1784"
stop 11
e2e_wait_text "Clipping this gradient (norm 1.1784)"
e2e_wait_row "element-wise at 0.5" 0.9131 0.9808
e2e_wait_row "by norm at 1" 1.0000 1.0000 0.8486
stop 12
stop 13
e2e_wait_text "epoch 1000 | update done | sgd lr 0.1 clip-norm 1"
stop end
e2e_keys K
e2e_wait_text "Truncated BPTT" # the keys work after the end
e2e_keys K
e2e_wait_row "epoch 1000 loss" 0.7096
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q at the end did not exit with status 0"
echo "PASS lesson_bptt_lab"
