#!/usr/bin/env bash
# Builds the benchmarks in Release (build/bench) and prints the figures, each
# after the command that made them. Not part of CI; run by hand:
#   bench/run.sh [epochs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/bench
epochs=${1:-3000000}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRNNSTEP_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j2 --target bench_engine >/dev/null
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
run() { echo "\$ $*"; "$@"; echo; }
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), compiler: $(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")"
run "${pin[@]}" "$build/bench/bench_engine" --epochs "$epochs"
if command -v valgrind >/dev/null; then
  n=20000
  for side in engine fused; do
    out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="bench_${side}_loop" \
      "$build/bench/bench_engine" --epochs "$n" --only "$side" 2>&1 | sed -n 's/.*Collected : *//p')
    echo "\$ valgrind --tool=callgrind --toggle-collect=bench_${side}_loop bench_engine --epochs $n --only $side"
    echo "$side: $((out / n)) instructions per epoch"
  done
fi
