# The terminal going away ends the program: when the pty closes and no SIGHUP
# arrives (here the wrapper shell, the session leader, traps HUP), rnnstep
# must notice the dead terminal and exit instead of spinning on failed reads.
source "$(dirname "$0")/lib.sh" "$@"

for keys in "" "space"; do
    e2e_start "hangup${keys}"
    [ -n "$keys" ] && e2e_keys "$keys"
    pid=$(e2e_pid)
    tmux -L "$E2E_SOCKET" kill-server
    deadline=$((SECONDS + E2E_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            kill -9 "$pid" 2>/dev/null || true
            E2E_SOCKET=""
            e2e_fail "rnnstep (${keys:-idle}) still running after its terminal closed"
        fi
        sleep 0.05
    done
done
echo "PASS hangup"
