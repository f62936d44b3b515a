# Fork (F) and the loss chart (l): the ghost keeps the old settings and runs
# alongside; the chart draws both runs, each named by the settings it differs
# in, with epoch ticks and a log scale (y).
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_fork

e2e_keys l
e2e_wait_text "Loss per epoch, linear scale"
e2e_type 50e
e2e_wait_text "epoch 50 |"
e2e_keys F
e2e_wait_text "forked at epoch 50"
e2e_keys ] ]
e2e_wait_text "sgd lr 0.4"
e2e_type 100e
e2e_wait_text "epoch 150 |"
# The legend names what each run trains with where they differ.
e2e_wait_text "this run (lr 0.4)"
e2e_wait_text "ghost (forked at epoch 50; lr 0.1)"
e2e_wait_text "linear scale"
e2e_screen | grep -q '^epoch  *0 ' || e2e_fail "no epoch ticks"
# The faster run's bars end below the ghost's dots: the last column the chart
# plotted (wherever the layout puts it) holds a ghost point.
e2e_screen | python3 -c '
import sys
axis = lambda r: r.index("│") if "│" in r else r.index("┤")
rows = [r.rstrip() for r in sys.stdin.read().splitlines() if "│" in r or "┤" in r]
plot = [r[axis(r) + 1:] for r in rows]
last = max(len(r) for r in plot)
sys.exit(0 if any(len(r) == last and r[-1] == "·" for r in plot) else 1)' ||
    e2e_fail "no ghost points in the last plotted column"
e2e_keys y
e2e_wait_text "log scale"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_fork"
