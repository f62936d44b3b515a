# Sampling view (s): the argmax predictions for the whole text are the
# worked example's (l, e, e, e for targets e, l, l, o: 0 of 4 right), the
# temperature (t) and first character (>) change, S draws another sample.
source "$(dirname "$0")/lib.sh" "$@"
e2e_start teach_sample

e2e_keys s
e2e_wait_text "Sampling from the current parameters"
e2e_wait_text "0 of 4 right"
e2e_screen | grep -q '^ target ello *$' || e2e_fail "targets are not 'ello'"
e2e_screen | grep -q '^ argmax leee *$' || e2e_fail "argmax predictions are not 'leee'"
e2e_wait_text "first 'h'"
e2e_wait_text "temperature 1 "
sample=$(e2e_screen | sed -n 3p)
e2e_keys S
e2e_wait_text "draw 2"
[ "$(e2e_screen | sed -n 3p)" != "$sample" ] || e2e_fail "S drew the same sample"
e2e_keys t
e2e_wait_text "temperature 0.5"
e2e_keys t
e2e_wait_text "temperature 0 = argmax"
e2e_keys '>'
e2e_wait_text "first 'e'"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS teach_sample"
