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
#  3. CPU used while idle: utime + stime from /proc/PID/stat over 5 s.
# Usage: bench/tui_bench.sh [RNNSTEP]   (default build/dev/rnnstep)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/dev/rnnstep}")
sock="rnnstep-bench-$$"
tmp=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
tm() { tmux -L "$sock" "$@"; }

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
awk '$2 == 101 { print "1000e: " $3 " ms from the key to the updated screen" }' "$tmp/log"
tm capture-pane -p | tail -1

echo "== CPU while idle (5 s)"
pid=$(pgrep -f -n "^$bin$" || pgrep -n rnnstep)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(cpu)
sleep 5
after=$(cpu)
echo "idle: $((after - before)) clock ticks of CPU in 5 s ($(getconf CLK_TCK) ticks = 1 s)"
