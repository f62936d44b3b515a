# Corpus mode in the visualiser (--text-file FILE --seq-length 5): the text
# strip shows the window inside the text, "^" under the current input x_t
# and the argmax guesses under the targets, through n, e and E (after an
# update, the next window, as the counter says, nothing guessed yet). The text is
# 42 distinct letters, so by the window rule (the window at p moves on by 5;
# it goes back to 0 when p + 5 + 1 >= 42) the windows start at 0, 5, ..., 35
# and the ninth iteration starts pass 2 at 0 again.
source "$(dirname "$0")/lib.sh" "$@"
E2E_READY="iteration 0"
text=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP
printf '%s' "$text" > "$E2E_DIR/corpus.txt"

# strip SPAN CURRENT: the columns marked under the "text" row (the window)
# read SPAN, the one marked "^" reads CURRENT, and the "argmax" row holds a
# guess under each target computed so far (GUESSES of them, one column on).
strip() {
    python3 -c '
import sys
span, current, guesses = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = sys.stdin.read().split("\n")
def row(label):
    return next((l for l in lines if l.startswith(" " + label)), None)
text, mark, guess = row("text "), row("t="), row("argmax")
if not (text and mark and guess):
    sys.exit(1)
cols = [i for i, c in enumerate(mark) if i > 7 and c in "^\u2500-"]
if "".join(text[i] for i in cols) != span or text[mark.index("^")] != current:
    sys.exit(1)
under = [guess[i + 1] for i in cols if i + 1 < len(guess)]
sys.exit(0 if sum(c != " " for c in under) == guesses else 1)
' "$@"
}

wait_strip() { # title span current guesses
    e2e_wait_text "$1"
    e2e_poll "window '$2' with x_t '$3' and $4 guesses" strip "$2" "$3" "$4"
}

e2e_start corpus_window -- --text-file "$E2E_DIR/corpus.txt" --seq-length 5
wait_strip "Window at 0 of 42, pass 1" abcde a 0
e2e_type 3n
e2e_wait_text "forward t=3/5"
wait_strip "Window at 0 of 42, pass 1" abcde c 3
e2e_wait_text "x_3 'c' → y_3 'd'"
e2e_keys e # the rest of iteration 0; the panes move on with the counter
e2e_wait_text "iteration 1 | update done"
wait_strip "Window at 5 of 42, pass 1" fghij f 0
e2e_keys n # iteration 1: the next window, hidden state carried
e2e_wait_text "forward t=1/5"
wait_strip "Window at 5 of 42, pass 1" fghij f 1
e2e_keys E # a pass: iterations 1..8, the last one back at 0
e2e_wait_text "iteration 9 |"
wait_strip "Window at 5 of 42, pass 2" fghij f 0
e2e_keys e
e2e_wait_text "iteration 10 |"
wait_strip "Window at 10 of 42, pass 2" klmno k 0
e2e_type 4n
e2e_wait_text "forward t=4/5"
wait_strip "Window at 10 of 42, pass 2" klmno n 4
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
tm kill-server

# A window of 1000 steps is wider than any screen: the strip follows x_t.
{ head -c 499 /dev/zero | tr '\0' a; printf Z; head -c 2500 /dev/zero | tr '\0' b; } > "$E2E_DIR/long.txt"
e2e_start corpus_long -- --text-file "$E2E_DIR/long.txt" --seq-length 1000
e2e_type 500n
e2e_wait_text "forward t=500/1000"
e2e_poll "x_500 = 'Z' under the mark" python3 -c '
import sys
lines = sys.stdin.read().split("\n")
text = next(l for l in lines if l.startswith(" text "))
mark = next(l for l in lines if l.startswith(" t=500 "))
sys.exit(0 if text[mark.index("^")] == "Z" else 1)'
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS corpus_window"
