# Terminal sizes from 1x1 to 300x100: below 80x24 the screen holds only the
# "too small" message, shortened to whole words and numbers (never cut in the
# middle) and centred; from 80x24 up every pane is drawn and the status line
# is on the last row. Then 60 rapid resizes while autoplay runs: the program
# keeps responding, and once back at 80x24 the screen equals that of a fresh
# run at the same epoch (nothing left over from the other sizes).
E2E_TIMEOUT=${E2E_TIMEOUT:-60} # the sanitizer build under a loaded machine
source "$(dirname "$0")/lib.sh" "$@"

# The longest message that fits in COLS columns (the policy of draw_too_small
# in src/tui/tui.c, written out again here so that the test checks it).
too_small_line() {
    local cols=$1 rows=$2 m
    for m in "terminal too small: need 80x24, have ${cols}x$rows" \
        "too small: need 80x24, have ${cols}x$rows" "too small: need 80x24" "need 80x24" "80x24" "!"; do
        [ "${#m}" -le "$cols" ] && { echo "$m"; return; }
    done
}

# The screen's non-blank lines, without the padding tmux adds.
content() { e2e_screen | sed 's/ *$//; s/^ *//' | grep -v '^$' || true; }

check_too_small() {
    local cols=$1 rows=$2 want
    if [ "$cols$rows" = 11 ]; then
        # The one cell is the bottom-right corner, which curses cannot write
        # without scrolling: nothing or the "!" may show.
        e2e_poll "a blank or '!' 1x1 screen" sh -c '[ "$(tr -d " \n")" = "" ] || [ "$(tr -d " \n")" = "!" ]'
        return
    fi
    want=$(too_small_line "$cols" "$rows")
    e2e_poll "the too-small message at ${cols}x$rows" sh -c "sed 's/^ *//; s/ *\$//' | grep -qxF -- '$want'"
    local first
    first=$(content | head -n 1)
    [ "$first" = "$want" ] || e2e_fail "${cols}x$rows: first line '$first', expected '$want'"
    # The second line, when there is room, is a whole hint too.
    local hint
    hint=$(content | sed -n 2p)
    grep -qxE '|enlarge the window, or press q to quit|enlarge, or q to quit|q quits' <<<"$hint" ||
        e2e_fail "${cols}x$rows: cut hint '$hint'"
    [ "$(content | wc -l)" -le 2 ] || e2e_fail "${cols}x$rows: more than the message on screen"
}

# Reads a screen on standard input: it holds every one of the arguments.
has_all() {
    local screen w
    screen=$(cat)
    for w; do grep -qF -- "$w" <<<"$screen" || return 1; done
}

# full_screen ROWS reads a screen on standard input: every pane's title is on
# it and the status line is on row ROWS.
full_screen() {
    local screen
    screen=$(cat)
    has_all "Sequence" "Softmax" "Hidden state" "Loss" "Equation" <<<"$screen" &&
        sed -n "$1p" <<<"$screen" | grep -q '^ epoch 0 | start'
}

check_full() {
    e2e_poll "every pane and the status line at $1x$2" full_screen "$2"
}

e2e_start sizes
pid=$(e2e_pid)
for size in 1x1 2x2 10x3 40x12 79x23 80x23 79x24 80x24 120x40 300x100 1x1 300x100; do
    cols=${size%x*} rows=${size#*x}
    e2e_resize "$cols" "$rows"
    if [ "$cols" -lt 80 ] || [ "$rows" -lt 24 ]; then
        check_too_small "$cols" "$rows"
    else
        check_full "$cols" "$rows"
    fi
    kill -0 "$pid" 2>/dev/null || e2e_fail "rnnstep died at $size"
done

# Rapid resizes while autoplay runs one epoch per tick (25 epochs/s); the
# clip keeps the run away from the epoch-656 explosion, which would pause it.
e2e_resize 80 24
e2e_keys c + + +
e2e_wait_text "25 epochs/s"
e2e_keys Space
e2e_wait_text "playing 25 epochs/s"
for i in $(seq 60); do
    e2e_resize $((1 + (i * 37) % 300)) $((1 + (i * 17) % 100))
done
e2e_resize 80 24
e2e_wait_text "playing 25 epochs/s" # resizing did not stop it
e2e_keys Space
e2e_wait_gone "playing"
kill -0 "$pid" 2>/dev/null || e2e_fail "rnnstep died while resizing"
resized=$(e2e_screen)
epoch=$(tail -n 1 <<<"$resized" | sed -n 's/^ epoch \([0-9]*\) | update done | sgd lr 0.1 clip 0.5 .*/\1/p')
[ -n "$epoch" ] && [ "$epoch" -gt 0 ] || e2e_fail "status line after the resizes: $(tail -n 1 <<<"$resized")"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0 after the resizes"
tm kill-server

e2e_start fresh
e2e_keys c
e2e_type "${epoch}e"
e2e_wait_text "epoch $epoch | update done"
fresh=$(e2e_screen)
# The status lines differ only in their message; the panes must be identical.
diff <(head -n 23 <<<"$resized") <(head -n 23 <<<"$fresh") >&2 ||
    e2e_fail "after the resizes the screen differs from a fresh run at epoch $epoch"
e2e_keys q
e2e_exit_status >/dev/null # before cleanup, so the wrapper is done writing
echo "PASS stress_sizes"
