# Standard input or output that is not a terminal (</dev/null, <&-, a pipe
# in, a pipe out) and unusable TERM values (unset, empty, dumb, unknown): one
# line on standard error naming the problem, exit status 2, and the terminal
# as it was. TERM=linux, vt100 and xterm work: the visualiser opens, q quits.
E2E_TIMEOUT=${E2E_TIMEOUT:-60} # the sanitizer build under a loaded machine
source "$(dirname "$0")/lib.sh" "$@"

# refused NAME WANT COMMAND: runs the shell COMMAND (with $RNNSTEP exported as
# R) on a tmux terminal; rnnstep's status must be 2 and its standard error one
# line containing WANT; `stty -a` must be unchanged.
refused() {
    local name=$1 want=$2 cmd=$3
    E2E_SOCKET="rnnstep-$$-$name"
    rm -f "$E2E_DIR/done"
    cat >"$E2E_DIR/run.sh" <<EOF
stty -a > '$E2E_DIR/stty.before'
{ $cmd; } 2> '$E2E_DIR/stderr'
echo "\${status:-\$?}" > '$E2E_DIR/status'
stty -a > '$E2E_DIR/stty.after'
touch '$E2E_DIR/done'
exec sleep 600
EOF
    tm -f /dev/null new-session -d -x 80 -y 24 "R='$RNNSTEP' bash '$E2E_DIR/run.sh'"
    local deadline=$((SECONDS + E2E_TIMEOUT))
    until [ -e "$E2E_DIR/done" ]; do
        [ $SECONDS -ge $deadline ] && e2e_fail "$name: rnnstep did not exit"
        sleep 0.05
    done
    [ "$(cat "$E2E_DIR/status")" = 2 ] || e2e_fail "$name: status $(cat "$E2E_DIR/status")"
    [ "$(wc -l <"$E2E_DIR/stderr")" = 1 ] && grep -q "^rnnstep: .*$want" "$E2E_DIR/stderr" ||
        e2e_fail "$name: standard error was '$(cat "$E2E_DIR/stderr")', expected '$want'"
    cmp -s "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" || e2e_fail "$name: terminal changed"
    tm kill-server
}

refused stdin-null "needs a terminal" '"$R" </dev/null'
refused stdin-closed "needs a terminal" '"$R" <&-'
refused stdin-pipe "needs a terminal" 'echo | "$R"'
refused stdout-pipe "needs a terminal" '"$R" | cat; status=${PIPESTATUS[0]}'
refused term-unset "TERM is not set" 'env -u TERM "$R"'
refused term-empty "TERM is not set" 'TERM= "$R"'
refused term-dumb "TERM=dumb cannot move the cursor" 'TERM=dumb "$R"'
refused term-unknown "TERM=nonexistent: unknown terminal type" 'TERM=nonexistent "$R"'

for term in linux vt100 xterm; do
    e2e_start "term-$term" "TERM=$term"
    e2e_keys n
    e2e_wait_text "forward t=1/4"
    e2e_keys q
    [ "$(e2e_exit_status)" = 0 ] || e2e_fail "TERM=$term: q did not exit with status 0"
    cmp -s "$E2E_DIR/stty.before" "$E2E_DIR/stty.after" || e2e_fail "TERM=$term: terminal not restored"
    tm kill-server
done
echo "PASS stress_terminal"
