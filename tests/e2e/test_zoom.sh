# Zoom: z shows one pane alone on the whole screen with its content scaled
# (the hidden state's bars as long as the width allows, the loss pane with
# its chart), z again the next pane, after the last all of them; Z goes back
# at once; the status line says what z and Z do.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start zoom
e2e_resize 120 40
e2e_type 3n
e2e_wait_row "^ h_3 " -0.4540
bar_cells() { e2e_screen | awk '/^ h_3 /' | grep -o '[█▐]' | wc -l; }
before=$(bar_cells)
screen_before=$(e2e_screen)

e2e_keys z
e2e_wait_text "zoom: sequence (1 of 6)"
e2e_wait_text "z next pane  Z all panes"
e2e_screen | grep -q "Hidden state" && e2e_fail "the hidden-state pane is still shown beside the zoomed sequence"
e2e_keys z
e2e_wait_text "zoom: hidden state (2 of 6)"
e2e_screen | grep -q "Sequence" && e2e_fail "the sequence pane is still shown"
after=$(bar_cells)
[ "$after" -ge $((2 * before)) ] || e2e_fail "zoomed bar of h_3 has $after cells, unzoomed $before: not scaled"
e2e_keys z
e2e_wait_text "zoom: loss (3 of 6)"
e2e_wait_text "Loss per epoch"
e2e_type zzz
e2e_wait_text "zoom: equation (6 of 6)"
e2e_wait_row "= tanh" -0.4540
e2e_wait_text "forward step t=1 of 4" # the ledger of the earlier steps
e2e_keys z
e2e_wait_text "all panes"
[ "$(e2e_screen | head -n -1)" = "$(echo "$screen_before" | head -n -1)" ] || e2e_fail "the panes differ after a round of zoom"
e2e_type zz
e2e_wait_text "zoom: hidden state"
e2e_keys Z
e2e_wait_text "Sequence"
e2e_wait_text "Hidden state"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"

# Corpus mode at 200x60, hidden 8 and 32: zoomed, the hidden state's heat
# strip widens each unit's cell (one column unzoomed at 80 columns: the bug
# kept it so on the whole screen), and the matrix pane shows the whole
# matrix when it fits (U 32x43, W 32x32, V 43x32).
heat_cols() { e2e_screen | awk -v re="$1" '$0 ~ re' | grep -o '[░▒▓█╌─═▬]' | wc -l; }
for H in 8 32; do
    E2E_READY="iteration 0" e2e_start "zoom_h$H" -- --text-file "$SOURCE_DIR/tests/data/english.txt" \
        --seq-length 25 --hidden "$H"
    e2e_resize 200 60
    e2e_type 3n
    e2e_wait_text "forward t=3/25"
    e2e_type zz
    e2e_wait_text "zoom: hidden state (2 of 6)"
    n=$(heat_cols "^ h_3\\[1\\] ")
    [ "$n" -ge $((H * 4)) ] || e2e_fail "zoomed heat strip of $H units: $n columns"
    e2e_type zzz
    e2e_wait_text "zoom: parameters (5 of 6)"
    e2e_wait_text "Matrix U ${H}x43"
    e2e_screen | grep -q "^ *$H [░▒▓█╌─═▬ ]" || e2e_fail "row $H of U not shown zoomed"
    e2e_screen | grep -qF "  ;  S  O" || e2e_fail "U's last columns not shown zoomed"
    for m in W b V; do
        e2e_keys Tab
        e2e_wait_text "Matrix $m"
    done
    e2e_screen | grep -q "^ *'O' [░▒▓█╌─═▬ ]" || e2e_fail "V's last row ('O') not shown zoomed"
    e2e_keys q
    [ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0 (hidden $H)"
done
echo "PASS zoom"
