#!/usr/bin/env bash
# Visualiser figures (printed, not a timed test):
#  1. time to draw one full frame at 80x24 and 200x60: the hidden hook
#     RNNSTEP_BENCH_FRAMES=N makes rnnstep step to the update of epoch 0 (every
#     pane full), then build and draw N complete frames (engine view, the
#     epoch loss recomputed each time, all panes, a forced full repaint with
#     doupdate) into a curses screen on /dev/null of LINES x COLUMNS, so the
#     figure is rnnstep's own time, not the terminal's; it prints the mean;
#  2. `1000e` from keypress to updated screen: the hidden hook
#     RNNSTEP_BENCH_LOG=FILE logs, per key, the time from reading it to the
#     end of doupdate (the run stops at the explosion near epoch 656);
#  3. CPU used while idle: utime + stime from /proc/PID/stat over 5 s;
#  4. corpus mode at hidden 512, seq-length 100 (the 1.1 MB text of
#     bench/corpus_text.py): the same log for steps, rewinds, cursor moves and
#     e, one key at a time (target: every key under 16 ms), wall time and the
#     process's CPU time per key (the wall time includes waiting for a core
#     when other work shares the machine: see the load printed before and
#     after), then the slowest of each kind of key against the target, and
#     the start-up's CPU time to the first screen (it takes the engine's
#     memory at once, so that no key pays the page faults).
# Usage: bench/tui_bench.sh [RNNSTEP]   (default build/dev/rnnstep)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/dev/rnnstep}")
tmp=$(mktemp -d)
# The server's socket lives in $tmp, so it goes with it (tmux -L would leave
# one file per run in /tmp/tmux-UID).
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
tm() { tmux -S "$sock" "$@"; }

wait_for() { # file-or-screen test with a 20 s timeout
    for _ in $(seq 400); do
        if eval "$1"; then return 0; fi
        sleep 0.05
    done
    echo "tui_bench: timed out waiting for: $1" >&2
    exit 1
}

echo "== full-frame draw time (RNNSTEP_BENCH_FRAMES=500)"
for size in 80x24 200x60; do
    tm -f /dev/null new-session -d -x 80 -y 24 \
        "LINES=${size#*x} COLUMNS=${size%x*} RNNSTEP_BENCH_FRAMES=500 '$bin' 2> '$tmp/$size'; sleep 600"
    wait_for "grep -qs 'mean' '$tmp/$size'"
    cat "$tmp/$size"
    tm kill-server
    sleep 0.2 # the server's socket goes away asynchronously
done

echo "== 1000e from keypress to updated screen (RNNSTEP_BENCH_LOG)"
tm -f /dev/null new-session -d -x 80 -y 24 "RNNSTEP_BENCH_LOG='$tmp/log' '$bin'; sleep 600"
wait_for "tm capture-pane -p | grep -q 'epoch 0'"
tm send-keys -l 1000e
wait_for "grep -q '^key 101 ' '$tmp/log'"
awk '$2 == 101 { print "1000e: " $3 " ms from the key to the updated screen (" $6 " ms CPU)" }' "$tmp/log"
tm capture-pane -p | tail -1

echo "== CPU while idle (5 s)"
pid=$(pgrep -f -n "^$bin$" || pgrep -n rnnstep)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(cpu)
sleep 5
after=$(cpu)
echo "idle: $((after - before)) clock ticks of CPU in 5 s ($(getconf CLK_TCK) ticks = 1 s)"
tm kill-server
sleep 0.2 # the server's socket goes away asynchronously

echo "== corpus mode at hidden 512, seq-length 100: each key to the updated screen (RNNSTEP_BENCH_LOG)"
# Target: every key under 16 ms. Keys one at a time, each after the previous
# one's log line: steps forward (n), a rewind (p), cursor moves (arrows, Tab),
# e in mid-window (finishes it by micro-steps) and at a window start (one
# whole-window call), then rewinds across the update, and the first step of
# the next iteration rewound to its start.
load() { uptime | sed 's/.*load average: /load /'; }
/usr/bin/python3 bench/corpus_text.py "$tmp/corpus.txt" >/dev/null
rm -f "$tmp/log"
echo "before: $(load)"
tm -f /dev/null new-session -d -x 200 -y 60 "RNNSTEP_BENCH_LOG='$tmp/log' '$bin' --text-file '$tmp/corpus.txt' \
    --hidden 512 --seq-length 100 --optimizer adagrad --clip 5; sleep 600"
wait_for "tm capture-pane -p | grep -q 'pass'"
keys=(n n n p p Right Down Down Tab Tab n e e p n p n n p)
names=(step step step rewind rewind cursor cursor cursor focus focus step "e (mid-window)" "e (whole window)"
    rewind step rewind step step rewind)
for i in "${!keys[@]}"; do
    tm send-keys "${keys[$i]}"
    wait_for "[ \$(grep -c '^key' '$tmp/log' 2>/dev/null || echo 0) -gt $i ]"
    figures=$(grep '^key' "$tmp/log" | sed -n "$((i + 1))s/^key [0-9]* //p")
    printf '%-18s %s\n' "${names[$i]}" "$figures"
    echo "${names[$i]}|$figures" >>"$tmp/kinds"
done
echo "after: $(load)"
awk '/^start/ { printf "start-up to the first screen: %.1f ms CPU (the text, the engine and its memory, the first loss)\n", $2 }' "$tmp/log"
echo "slowest of each kind (target < 16 ms; wall holds the waits for a core at this load):"
awk -F'|' '{ split($2, f, " "); k = $1
        if (!(k in wall)) order[n++] = k
        if (f[1] > wall[k]) wall[k] = f[1]
        if (f[4] > cpu[k]) cpu[k] = f[4] }
    function verdict(ms) { return ms < 16 ? "met" : "MISSED" }
    END { for (i = 0; i < n; i++) { k = order[i]
            printf "  %-18s %7.1f ms wall %-6s %7.1f ms CPU %s\n", k, wall[k], verdict(wall[k]), cpu[k], verdict(cpu[k]) } }' "$tmp/kinds"
awk '/^key/ { if ($3 > m) m = $3; if ($6 > c) c = $6 }
    END { printf "slowest key: %.1f ms wall, %.1f ms CPU (target < 16 ms; %s)\n", m, c, load }' \
    load="$(load)" "$tmp/log"
