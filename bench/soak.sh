#!/usr/bin/env bash
# Soak runs (printed, not a timed test; not part of CI): 10^7 epochs of the
# default example and 10^5 corpus iterations (bench/corpus_text.py's text,
# seq-length 25, hidden 64) in batch mode, with the resident set size read
# from /proc/PID/status once a second. The checkpoint ring, the settings log
# and the loss log are fixed-size but calloc'ed, so their pages become
# resident only as they fill: the ring (32 MiB at most) within the first
# second, the loss log (65,536 entries of 24 bytes: 1.5 MiB) by iteration
# 65,536, after which it halves its resolution in place. Flat means: after
# those, the samples stay equal to the last kilobytes.
# Usage: bench/soak.sh [RNNSTEP] [EPOCHS] [ITERATIONS]
#        (defaults build/dev/rnnstep, 10000000, 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/dev/rnnstep}")
epochs=${2:-10000000}
iterations=${3:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# soak ARGS...: runs rnnstep ARGS (its output through `tail -n 2`), samples
# its RSS every second and prints the samples at the start, middle and end.
soak() {
    echo "\$ rnnstep $* | tail -n 2"
    local start=$SECONDS
    rm -f "$tmp/pid"
    ("$bin" "$@" & echo $! >"$tmp/pid"; wait $!) | tail -n 2 >"$tmp/out" &
    local job=$! samples=() pid kib
    until [ -s "$tmp/pid" ]; do sleep 0.01; done
    pid=$(cat "$tmp/pid")
    while kill -0 "$pid" 2>/dev/null; do
        kib=$(rss_kib "$pid") && [ -n "$kib" ] && samples+=("$kib")
        sleep 1
    done
    wait "$job"
    cat "$tmp/out"
    local n=${#samples[@]}
    [ "$n" -gt 0 ] || { echo "(ran under a second: no RSS sample)"; return; }
    local max
    max=$(printf '%s\n' "${samples[@]}" | sort -n | tail -n 1)
    echo "RSS in KiB over $((SECONDS - start)) s ($n samples): at 0 s ${samples[0]}," \
        "1 s ${samples[1 < n ? 1 : 0]}, 1/4 ${samples[n / 4]}, middle ${samples[n / 2]}," \
        "3/4 ${samples[3 * n / 4]}, end ${samples[n - 1]}, max $max"
    echo
}

echo "== $epochs epochs of the default example"
soak --batch --epochs "$epochs" --format csv

echo "== $iterations corpus iterations"
python3 bench/corpus_text.py "$tmp/corpus.txt" 200000 >/dev/null
soak --batch --text-file "$tmp/corpus.txt" --seq-length 25 --hidden 64 \
    --optimizer adagrad --lr 0.1 --clip 5 \
    --iterations "$iterations" --every "$((iterations / 4))" --format csv
