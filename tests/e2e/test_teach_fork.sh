# Fork (F) and the loss chart (l): the ghost keeps the old settings and runs
# alongside; the chart draws both runs, with epoch ticks and a log scale (y).
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_fork

e2e_keys l
e2e_wait_text "no epochs yet"
e2e_type 50e
e2e_wait_text "epoch 50 |"
e2e_keys F
e2e_wait_text "forked at epoch 50"
e2e_keys ] ]
e2e_wait_text "sgd lr 0.4"
e2e_type 100e
e2e_wait_text "epoch 150 |"
e2e_wait_text "ghost (forked at epoch 50)"
e2e_wait_text "linear scale"
e2e_screen | grep -q '^epoch  *0 ' || e2e_fail "no epoch ticks"
# The faster run's bars end below the ghost's dots at the right edge.
last=$(e2e_screen | sed -n '2,19p' | cut -c75-79)
grep -q '·' <<<"$last" || e2e_fail "no ghost points at the right edge: $last"
e2e_keys y
e2e_wait_text "log scale"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_fork"
