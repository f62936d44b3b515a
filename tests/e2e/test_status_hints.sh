# The status line shows the keys that make sense now: stepping keys at rest,
# pause and speed during autoplay, clip / learning rate / how to stop pausing
# at an explosion, the matrix keys above hidden size 1; at 80 columns the most
# useful ones, at 120 more.
source "$(dirname "$0")/lib.sh" "$@"
status() { e2e_screen | tail -1; }
expect_hint() { # expect_hint TEXT...: each on the status line
    local h
    for h in "$@"; do e2e_poll "'$h' on the status line" sh -c "tail -1 | grep -qF -- '$h'"; done
}

e2e_start status_hints
expect_hint "n step" "e epoch" "space play" "? help"
e2e_keys Space
expect_hint "space pause" "+ - speed"
status | grep -qF "n step" && e2e_fail "stepping hints during autoplay"
e2e_keys Space
expect_hint "n step"

e2e_type 1000e
e2e_wait_text "PAUSED: explosion, last update"
expect_hint "c clip" "X: no pause"
e2e_resize 120 40
expect_hint "c clip" "[ ] lr" "X: no pause"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"

e2e_start status_hints_matrix -- --text "hello world, hello rnn" --hidden 8
expect_hint "Tab matrix"
echo "PASS status_hints"
