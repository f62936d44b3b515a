# Keys that do nothing say so on the status line (briefly, with where to
# look): an unknown key is named, Escape says which count it cancelled, u at
# hidden size 1, Z with no pane zoomed, z while a full-screen view is shown;
# a count being typed is shown (count 100_).
source "$(dirname "$0")/lib.sh" "$@"
e2e_start key_feedback
e2e_keys a # unbound (v edits a weight)
e2e_wait_text "'a' does nothing: ? lists the keys"
e2e_keys Home
e2e_wait_text "KEY_HOME does nothing: ? lists the keys"
e2e_keys Enter
e2e_wait_text "Enter does nothing: ? lists the keys"
e2e_type 100
e2e_wait_text "count 100_"
e2e_keys Escape
e2e_wait_text "count cancelled"
e2e_keys u
e2e_wait_text "u, U: this model has one hidden unit (--hidden 2 or more)"
e2e_keys Z
e2e_wait_text "no pane is zoomed"
e2e_keys l
e2e_wait_text "Loss per epoch, linear scale"
e2e_keys z
e2e_wait_text "z zooms the main screen: this view's key closes it"
# A key that does something clears the message.
e2e_keys l n
e2e_wait_text "forward t=1/4"
e2e_wait_gone "does nothing"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS key_feedback"
