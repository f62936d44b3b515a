# --record FILE stores the settings and every key (and autoplay tick);
# --replay FILE with the same settings plays one recorded event per key
# pressed, shows its progress (replay 1/N) and reproduces the same screens;
# after the last event it says "end of recording" and keys work normally
# (the q that ended the recording is not played). Other settings are refused.
source "$(dirname "$0")/lib.sh" "$@"
rec="$E2E_DIR/lecture.rec"
e2e_start teach_record -- --record "$rec"

e2e_type 2n
e2e_keys f
e2e_wait_text "Gradient flow"
e2e_keys ] C C-u
e2e_type 0.25
e2e_keys Enter
e2e_wait_text "new clip value"
e2e_keys Space
e2e_wait_text "playing"
e2e_wait_text "backward t=3/4"
e2e_keys Space
e2e_wait_gone "playing"
e2e_keys f s
e2e_wait_text "Sampling"
recorded=$(e2e_screen)
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
tm kill-server
grep -q '^rnnstep-record 1$' "$rec" || e2e_fail "no recording header"
grep -q '^settings --text "hello", hidden 1, ' "$rec" || e2e_fail "settings line: $(grep settings "$rec")"
grep -q '^tick$' "$rec" || e2e_fail "no autoplay ticks recorded"
events=$(($(sed '1,/^keys$/d' "$rec" | wc -l) - 1)) # all but the final q

e2e_start teach_replay -- --replay "$rec"
e2e_keys x
e2e_wait_text "| replay 1/$events"
for ((i = 1; i < events; i++)); do e2e_keys x; done
e2e_wait_text "Sampling"
e2e_wait_text "end of recording: keys work normally"
e2e_screen | grep -qF "| replay " && e2e_fail "progress shown after the end"
# The same screen as recorded, but for the status line's end notice.
e2e_poll "the recorded screen" sh -c "[ \"\$(sed '\$d')\" = '$(sed '$d' <<<"$recorded" | sed "s/'/'\\\\''/g")' ]"
# The recorded q that ended the recording is not played (it would quit
# under the lecturer's last key press): keys work normally, q quits.
e2e_keys n
e2e_wait_gone "end of recording"
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q after the replay did not exit with status 0"

tm kill-server

# Other settings: one clear line on stderr, status 2.
E2E_SOCKET="rnnstep-$$-teach_replay_bad"
tm -f /dev/null new-session -d -x 80 -y 24 \
    "'$RNNSTEP' --replay '$rec' --hidden 2 2> '$E2E_DIR/err'; echo \$? > '$E2E_DIR/rc'"
deadline=$((SECONDS + E2E_TIMEOUT))
until [ -s "$E2E_DIR/rc" ]; do
    [ $SECONDS -ge $deadline ] && e2e_fail "replay with other settings did not exit"
    sleep 0.05
done
[ "$(cat "$E2E_DIR/rc")" = 2 ] || e2e_fail "replay with other settings: status $(cat "$E2E_DIR/rc")"
grep -q "recorded with other settings" "$E2E_DIR/err" || e2e_fail "unclear error: $(cat "$E2E_DIR/err")"
echo "PASS teach_replay"
