# One gradient, one value: the truncation view (K), the diagnostics (D), the
# gradient check (g) and the gradients pane read the norms of dL/dU, dL/dW and
# dL/db (at hidden 1 g and the pane from their entries) of the same gradient,
# the one the panes show: right after an update the one it applied (at the
# parameters before it), else this window's at the current parameters. K's
# row of the K in effect and g's BPTT column are of the whole window, so
# mid-backward they agree with each other while D and the pane hold the part
# added up so far. States: the start, mid-backward, backward done, after e,
# one micro-step after it (K left open follows), after c e, with truncation
# on, a lab setting changed under an open K or g view, and corpus mode at
# hidden 8 after its first and second update (the second window starts from
# the carried hidden state). (The bug: after e, K profiled the gradient at
# the parameters after the update, ||dL/dU|| 0.6759 beside D's 0.7784.)
source "$(dirname "$0")/lib.sh" "$@"

# The three norms (U W b) each face shows, from the screen on stdin.
k_row() { # the row of the K in effect, marked with the arrow
    awk '/^(→|->) / { sub(/^(→|->) +/, ""); print $3, $6, $9; exit }'
}
d_norms() { awk '/\|\|dL\/d par\|\|/ { print $3, $4, $5; exit }'; }
# The gradients pane: U's entries on the dL/dU row, W and b on their row.
pane_norms() {
    # (two spaces: the equation pane's "dL/dW += ..." is not the row)
    awk '{ i = index($0, "dL/dU  ") }
         i { n = split(substr($0, i + 7), f, " "); for (j = 1; j <= n; j++) u += f[j] * f[j] }
         { i = index($0, "dL/dW  ") }
         i { split(substr($0, i + 7), f, " "); w = f[1]; b = f[3] }
         END { printf "%.6f %.6f %.6f\n", sqrt(u), (w < 0 ? -w : w), (b < 0 ? -b : b) }'
}
g_norms() { # the BPTT column of every entry
    awk '/^ U\[/ { u += $2 * $2 } /^ W / { w = $2 } /^ b / { b = $2 }
         END { printf "%.6f %.6f %.6f\n", sqrt(u), (w < 0 ? -w : w), (b < 0 ? -b : b) }'
}

# same A B: the triples A and B are equal to the digits shown.
same() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (split(a, x, " ") != 3 || split(b, y, " ") != 3) exit 1
        num = "^-?[0-9]+(\\.[0-9]+)?(e[-+][0-9]+)?$" # a misread field is no zero
        for (i = 1; i <= 3; i++) {
            if (x[i] !~ num || y[i] !~ num) exit 1
            d = x[i] - y[i]; d = d < 0 ? -d : d
            m = x[i] < 0 ? -x[i] : x[i]
            if (d > 2e-4 + 1e-3 * m) exit 1
        }
    }'
}
agree() { same "$2" "$3" || e2e_fail "$1 disagree: $2 against $3"; }

# face KEY READER: the reader's triple on view KEY, which is then closed.
face() {
    e2e_keys "$1"
    e2e_wait_text "$2"
    local got
    got=$(e2e_screen | "$3")
    e2e_keys "$1"
    e2e_wait_gone "$2"
    echo "$got"
}
K_TITLE="Truncated BPTT: each"
D_TITLE="Diagnostics: the numbers"
G_TITLE="Gradient check: BPTT"

# check_all STATE: all four faces agree (the pane shows a whole gradient).
check_all() {
    local k d g p
    k=$(face K "$K_TITLE" k_row)
    d=$(face D "$D_TITLE" d_norms)
    g=$(face g "$G_TITLE" g_norms)
    p=$(e2e_screen | pane_norms)
    agree "$1: K and D" "$k" "$d"
    agree "$1: K and g" "$k" "$g"
    agree "$1: D and the gradients pane" "$d" "$p"
}

# check_partial STATE: mid-backward, K and g agree on the whole window's
# gradient, D and the pane on the part so far (which D says it is).
check_partial() {
    local k d g p
    k=$(face K "$K_TITLE" k_row)
    g=$(face g "$G_TITLE" g_norms)
    e2e_keys D
    e2e_wait_text "(dL/d par: added up so far"
    d=$(e2e_screen | d_norms)
    e2e_keys D
    e2e_wait_gone "$D_TITLE"
    p=$(e2e_screen | pane_norms)
    agree "$1: K and g" "$k" "$g"
    agree "$1: D and the gradients pane" "$d" "$p"
}

e2e_start lab_agree
# The start: nothing added up yet (D and the pane read 0), K and g the
# coming window's gradient.
check_partial_start() {
    local k g
    k=$(face K "$K_TITLE" k_row)
    g=$(face g "$G_TITLE" g_norms)
    agree "start: K and g" "$k" "$g"
    agree "start: K" "$k" "0.7784 0.1466 0.2436"
    agree "start: D" "$(face D "$D_TITLE" d_norms)" "0 0 0"
}
check_partial_start
e2e_type 6n
e2e_wait_text "backward t=3/4"
check_partial "mid-backward"
e2e_type 2n
e2e_wait_text "backward t=1/4"
check_all "backward done"
e2e_keys e
e2e_wait_text "epoch 1 | update done"
check_all "after e"
agree "after e: the update's gradient" "$(face K "$K_TITLE" k_row)" "0.7784 0.1466 0.2436"
# One micro-step on, K (left open) and g move to the new parameters' gradient.
e2e_keys K
e2e_wait_text "$K_TITLE"
e2e_keys n
e2e_wait_text "forward t=1/4"
moved=$(e2e_screen | k_row)
same "$moved" "0.7784 0.1466 0.2436" && e2e_fail "K after e n still shows the update's gradient"
e2e_keys K
e2e_wait_gone "$K_TITLE"
agree "after e n: K and g" "$moved" "$(face g "$G_TITLE" g_norms)"
e2e_keys p
e2e_wait_text "epoch 1 | update done"
e2e_keys c e
e2e_wait_text "epoch 2 | update done"
check_all "after c e"

# Truncation in effect: the marked row is the gradient training computes.
e2e_keys "{"
e2e_wait_text "K=3"
e2e_keys e
e2e_wait_text "epoch 3 | update done"
check_all "K=3 after e"

# A lab setting changed while K or g is open updates it at once.
e2e_keys K
e2e_wait_text "K=3 of T=4"
before=$(e2e_screen | k_row)
e2e_keys "}"
e2e_wait_text "K=4 of T=4"
after=$(e2e_screen | k_row)
[ "$before" != "$after" ] || e2e_fail "K view did not follow } ($before)"
e2e_keys K g
e2e_wait_text "$G_TITLE vs central"
before=$(e2e_screen | g_norms)
g_moved() { [ "$(g_norms)" != "$before" ]; }
e2e_keys "{"
e2e_wait_text "truncated to K=3"
e2e_poll "g to follow {" g_moved
e2e_keys g

# With an injected bug the panes show its gradient; K, which profiles BPTT
# without it, says so in its title.
e2e_keys B e K
e2e_wait_text "Truncated BPTT, without the bug no-carry: K=3 of T=4"
e2e_keys K B B B B

# Corpus mode at hidden 8: after the first and the second update.
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
E2E_READY="iteration 0" e2e_start lab_agree_corpus -- \
    --text-file "$SOURCE_DIR/tests/data/english.txt" --seq-length 25 --hidden 8
for n in 1 2; do
    e2e_keys e
    e2e_wait_text "iteration $n | update done"
    agree "corpus, update $n: K and D" "$(face K "$K_TITLE" k_row)" "$(face D "$D_TITLE" d_norms)"
done
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS lab_agree"
