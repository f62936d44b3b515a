# Shared helpers for the end-to-end tests: each test runs the real binary in
# its own tmux server (socket rnnstep-PID-NAME) at a fixed size, types keys
# with send-keys and polls capture-pane until the screen matches (no sleeps).
# Usage in a test:  source "$(dirname "$0")/lib.sh" "$@"; e2e_start NAME [ENV...]
set -euo pipefail

RNNSTEP=${1:?usage: test.sh RNNSTEP SOURCE_DIR}
SOURCE_DIR=${2:?usage: test.sh RNNSTEP SOURCE_DIR}
E2E_TIMEOUT=${E2E_TIMEOUT:-15} # seconds; generous for sanitizer builds
E2E_TOL=0.0002                 # the worked example rounds intermediates (docs/worked-example.md)
E2E_DIR=$(mktemp -d)
E2E_SOCKET=""

# Ends every session the test started (tests may keep two side by side).
e2e_cleanup() {
    # Wrappers trap HUP and TERM and would go on writing their status files
    # (or sleep on) after their tmux server is gone: stop them first, for good.
    local pid sock
    if [ -f "$E2E_DIR/wrappers" ]; then
        while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$E2E_DIR/wrappers"
    fi
    # kill-server leaves the socket file behind (thousands after a few
    # suite runs): remove it too, for every server, also a test's own.
    if [ -f "$E2E_DIR/sockets" ]; then
        while read -r sock; do
            tmux -L "$sock" kill-server 2>/dev/null || true
            rm -f "$(e2e_socket_path "$sock")"
        done <"$E2E_DIR/sockets"
    fi
    # rnnstep itself may still be writing (a --record file) as it exits.
    pid=$(cat "$E2E_DIR/pid" 2>/dev/null) || pid=""
    for _ in $(seq 100); do
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT
# A test stopped by a signal (ctest's timeout, Ctrl-C) exits through the
# EXIT trap too, so that it cleans up as well.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Where tmux -L NAME keeps its socket.
e2e_socket_path() { echo "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$1"; }

e2e_fail() {
    echo "FAIL: $*" >&2
    if [ -n "$E2E_SOCKET" ]; then
        echo "---- screen ----" >&2
        e2e_screen >&2 || true
        echo "----------------" >&2
    fi
    exit 1
}

# Every server a test talks to is ended at exit, also one whose socket the
# test named itself.
e2e_register() { grep -qxF -- "$1" "$E2E_DIR/sockets" 2>/dev/null || echo "$1" >>"$E2E_DIR/sockets"; }

tm() {
    e2e_register "$E2E_SOCKET"
    tmux -L "$E2E_SOCKET" "$@"
}

# e2e_start NAME [VAR=VALUE...] [-- ARGS...]: starts rnnstep at 80x24 in a
# wrapper script that records its pid, exit status and `stty -a` before and
# after, then keeps the pane open.
e2e_start() {
    local name=$1
    shift
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    E2E_SOCKET="rnnstep-$$-$name"
    rm -f "$E2E_DIR/status" "$E2E_DIR/pid"
    {
        # The wrapper outlives Ctrl-C and signals meant for rnnstep (a trap,
        # unlike an ignored signal, is reset for the program it starts).
        echo "trap : INT TERM HUP"
        # E2E_IGNORE="HUP INT": signals rnnstep's caller ignores (nohup),
        # which it inherits.
        [ -z "${E2E_IGNORE:-}" ] || echo "trap '' $E2E_IGNORE"
        echo "echo \$\$ >> '$E2E_DIR/wrappers'"
        echo "stty -a > '$E2E_DIR/stty.before'"
        # shellcheck disable=SC2016 # $$, $0 and $@ are the inner shell's
        printf '%s' 'sh -c '\''echo $$ > "$0"; exec "$@"'\'''
        printf ' %q' "$E2E_DIR/pid" env "${envs[@]}" "$RNNSTEP" "$@"
        echo
        echo "echo \$? > '$E2E_DIR/status'"
        echo "stty -a > '$E2E_DIR/stty.after'"
        echo "echo 'rnnstep has exited'"
        echo "exec sleep 600"
    } > "$E2E_DIR/run.sh"
    tm -f /dev/null new-session -d -x 80 -y 24 "sh '$E2E_DIR/run.sh'"
    # corpus mode: E2E_READY="iteration 0"; "-": nothing to wait for (a blank screen)
    [ "${E2E_READY:-}" = - ] || e2e_wait_text "${E2E_READY:-epoch 0}"
}

# The pid of the running rnnstep.
e2e_pid() { cat "$E2E_DIR/pid"; }

e2e_screen() { tm capture-pane -p; }

e2e_keys() { tm send-keys "$@"; }

# Literal text typed as keys (for counts such as 100e).
e2e_type() { tm send-keys -l "$1"; }

e2e_resize() { tm resize-window -x "$1" -y "$2"; }

# Polls until `check ARGS` succeeds on the screen text, or fails the test.
e2e_poll() {
    local what=$1
    shift
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        if e2e_screen | "$@"; then return 0; fi
        [ $SECONDS -ge $deadline ] && e2e_fail "timed out waiting for $what"
        sleep 0.05
    done
}

e2e_wait_text() { e2e_poll "'$1'" grep -qF -- "$1"; }

e2e_wait_gone() { e2e_poll "'$1' to disappear" sh -c "! grep -qF -- '$1'"; }

# numbers_on_row REGEX N1 N2...: a screen line matching REGEX holds the
# numbers N1 N2 ... in that order (others may come between), each within
# E2E_TOL; for numbers given as "a/b", either value matches.
numbers_on_row() {
    awk -v re="$1" -v want="${*:2}" -v tol="$E2E_TOL" '
        function abs(x) { return x < 0 ? -x : x }
        function ok(have, spec,   alts, k, n) {
            n = split(spec, alts, "/")
            for (k = 1; k <= n; k++) if (abs(have - alts[k]) <= tol) return 1
            return 0
        }
        $0 ~ re {
            n = split(want, w, " ")
            line = $0; i = 1
            while (i <= n && match(line, /-?[0-9]+\.[0-9]+/)) {
                if (ok(substr(line, RSTART, RLENGTH) + 0, w[i])) i++
                line = substr(line, RSTART + RLENGTH)
            }
            if (i > n) found = 1
        }
        END { exit found ? 0 : 1 }'
}

e2e_wait_row() { e2e_poll "row /$1/ with ${*:2}" numbers_on_row "$@"; }

# Total CPU ticks (user + system) the process has used.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Polls until the process has used another half second of CPU: it is busy
# computing (a long run draws nothing until it ends), not waiting for a key.
wait_busy() {
    local start deadline=$((SECONDS + E2E_TIMEOUT))
    start=$(cpu_ticks "$1")
    while [ $(($(cpu_ticks "$1") - start)) -lt $(($(getconf CLK_TCK) / 2)) ]; do
        [ $SECONDS -ge $deadline ] && e2e_fail "rnnstep never got busy"
        sleep 0.05
    done
}

# Waits for rnnstep to exit and returns its status.
e2e_exit_status() {
    e2e_wait_text "rnnstep has exited"
    cat "$E2E_DIR/status"
}
