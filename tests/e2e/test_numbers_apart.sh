# Numbers never run together: after runs that push values wide (hidden 8
# after 200e, lr 6.4 after 300e, lr 1e9 after 3e, a text with spaces and a
# CJK character),
# no number on screen touches a label or another number, at 80x24, 120x40
# and 200x60. The bug: "5 -10.3741-2.4788", "L_t10.1591 0.0000 0.000047.5287",
# "dh-50.6217", "|W| 4." (cut), "U[1,␣]" two columns short of "U[1,e]".
source "$(dirname "$0")/lib.sh" "$@"

# A digit then a sign and digit; four decimals then more digits and a point;
# a label letter directly before a number.
TOUCH='[0-9]-[0-9]|[0-9]\.[0-9]{4}[0-9]*[-.][0-9]|[A-Za-z_]-?[0-9]+\.[0-9]'

# An update entry's number directly before the next entry's name.
GLUED='[0-9][UVWbc]\['

check_apart() {
    local what=$1 size
    for size in 80x24 120x40 200x60; do
        e2e_resize "${size%x*}" "${size#*x}"
        e2e_poll "redraw at $size" sh -c "[ \"\$(tmux -L '$E2E_SOCKET' display -p '#{window_width}')\" = ${size%x*} ]"
        sleep 0.3 # the program redraws on SIGWINCH
        if e2e_screen | grep -En -- "$TOUCH" >&2; then
            e2e_fail "$what at $size: numbers run together (lines above)"
        fi
        if e2e_screen | grep -En -- "$GLUED" >&2; then
            e2e_fail "$what at $size: update entries run together (lines above)"
        fi
    done
}

e2e_start hidden8 -- --text "hello world, hello rnn" --hidden 8
e2e_type 200e
e2e_wait_text "epoch"
e2e_poll "the run to stop" sh -c '! grep -q "running"'
check_apart "hidden 8 after 200e"
e2e_keys q
e2e_exit_status >/dev/null

e2e_start lr64 -- --lr 6.4
e2e_type 300e
e2e_wait_text "epoch 300 loss"
check_apart "lr 6.4 after 300e"
e2e_type 300e
e2e_wait_text "epoch 600 loss"
check_apart "lr 6.4 after 600e"
e2e_keys q
e2e_exit_status >/dev/null

# The largest learning rate (1e9, --lr's limit): parameters of 1e8 to 1e9
# and an lr of five characters in every update entry (the bug: the entries
# of the second column started inside the first's numbers, "= -5.30eV[e]").
e2e_start lr1e9 -- --lr 1e9
e2e_type 3e
e2e_wait_text "epoch 3 loss"
check_apart "lr 1e9 after 3e"
e2e_keys q
e2e_exit_status >/dev/null

# Adagrad's entries (G's step, then the parameter's) side by side at 200x60
# (the bug: its pitch one column short, "=  1.1792U[1,n]").
e2e_start adagrad8 -- --text "hello world, hello rnn" --hidden 8 --optimizer adagrad --clip 5
e2e_type 100e
e2e_wait_text "epoch 100 loss"
check_apart "adagrad hidden 8 after 100e"
e2e_keys q
e2e_exit_status >/dev/null

# Display width: the update rows of a text with spaces line up (the names
# column is as wide for "U[1,␣]" as for "U[1,e]").
e2e_start wide -- --text "ab 漢 ab" --hidden 2
e2e_type e
e2e_wait_text "update done"
e2e_resize 120 40
e2e_wait_text "U[1,␣]"
# (The matrix pane names its entry the same way, with no " - " after it.)
cols=$(e2e_screen | awk '/U\[1,.\] / && index($0, " - ") { print index($0, " - ") }' | sort -u | wc -l)
[ "$cols" = 1 ] || e2e_fail "update rows are not aligned ($cols different columns)"
e2e_keys q
echo "PASS numbers_apart"
