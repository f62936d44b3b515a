#!/usr/bin/env bash
# Corpus-mode benchmark (issue 6), run by hand, not part of CI (a few minutes):
#   bench/corpus_bench.sh            (RNNSTEP=path: time that rnnstep binary instead)
# Builds build/bench-corpus in Release, makes the 1.1 MB, 65-character text
# (bench/corpus_text.py), then at hidden 100 and 512 (seq-length 25, Adagrad,
# clip 5): checks rnnstep and the NumPy peer agree on 100 iterations' losses,
# times both on one core, and prints iterations/s, the ratio, the share of the
# FP64 peak and instructions per iteration; then the scaling table.
# Times are process CPU time (user + sys): the machines are shared.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/bench-corpus
py=/usr/bin/python3 # Debian's, with python3-numpy; not whatever python3 is first on PATH
"$root/scripts/deps.sh" bench
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRNNSTEP_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
rnnstep=${RNNSTEP:-$build/rnnstep}
targets=(corpus_engine)
[ -n "${RNNSTEP:-}" ] || targets+=(rnnstep)
cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null
text=$build/corpus.txt
[ -f "$text" ] || "$py" "$root/bench/corpus_text.py" "$text"
pin=(taskset -c 0)
export OPENBLAS_NUM_THREADS=1
# Some machines set these for old OpenBLAS builds; the peer gets its own defaults.
peer=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$py" "$root/bench/peer_numpy.py")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mhz=$(awk -F': *' '/^cpu MHz/ {print $2; exit}' /proc/cpuinfo)
if grep -qw avx512f /proc/cpuinfo; then lanes=8; else lanes=4; fi
fma_units=2 # assumption: two FMA ports, as on server Golden Cove (Sapphire/Emerald Rapids)
peak=$(awk -v m="$mhz" -v l="$lanes" -v u="$fma_units" 'BEGIN {printf "%.1f", m * 1e-3 * l * u * 2}')
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $mhz MHz; text: $(wc -c <"$text") bytes"
echo "FP64 peak per core: $mhz MHz x $lanes doubles x $fma_units FMA units x 2 flops = $peak GFLOP/s"
echo "peer BLAS: $("${peer[@]}" --blas --text - --init - --iterations 0)"
echo

# cpu_time CMD...: runs CMD (stdout to /dev/null), prints user + sys seconds.
cpu_time() {
    local TIMEFORMAT='%U %S'
    { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{print $1 + $2}'
}

# max_rel A.csv B.csv: the largest relative loss difference, row by row.
max_rel() {
    paste -d, "$1" "$2" | awk -F, 'NR > 1 {d = $3 - $7; d = d < 0 ? -d : d; r = d / $3; if (r > m) m = r}
        END {printf "%.1e", m}'
}

# first_apart A.csv B.csv: the first iteration whose losses differ by more than 1e-9 relative.
first_apart() {
    paste -d, "$1" "$2" | awk -F, 'NR > 1 {d = $3 - $7; d = d < 0 ? -d : d; if (d / $3 > 1e-9) {print $1; exit}}'
}

train_args() { # H LR: rnnstep's options for the benchmark run
    echo --batch --text-file "$text" --seq-length 25 --hidden "$1" --init "$tmp/init$1.json" \
        --optimizer adagrad --clip 5 --lr "$2" --format csv
}

compare() { # H N_RNNSTEP N_PEER
    local H=$1 nr=$2 np=$3
    "$rnnstep" --batch --text-file "$text" --seq-length 25 --hidden "$H" --seed 1 \
        --optimizer adagrad --iterations 0 --save "$tmp/init$H.json" >/dev/null
    echo "== hidden $H, seq-length 25, Adagrad, clip 5, vocabulary 65; both from --init init$H.json"
    for lr in 0.01 0.1; do
        # shellcheck disable=SC2046 # train_args prints separate words
        "$rnnstep" $(train_args "$H" "$lr") --iterations 100 >"$tmp/r.csv"
        "${peer[@]}" --text "$text" --init "$tmp/init$H.json" --lr "$lr" --iterations 100 \
            >"$tmp/p.csv" 2>/dev/null
        local rel apart
        rel=$(max_rel "$tmp/r.csv" "$tmp/p.csv")
        apart=$(first_apart "$tmp/r.csv" "$tmp/p.csv")
        [ -n "$apart" ] && apart="(first beyond 1e-9 at iteration $apart)" || apart="(ok, <= 1e-9)"
        echo "agreement, lr $lr, losses of iterations 0-99: max relative difference $rel $apart"
    done
    local tr tp
    # shellcheck disable=SC2046
    tr=$(cpu_time "${pin[@]}" "$rnnstep" $(train_args "$H" 0.1) --iterations "$nr" --every 1000)
    "${peer[@]}" --text "$text" --init "$tmp/init$H.json" --iterations "$np" --every 1000 \
        2>"$tmp/peer.txt" >/dev/null
    tp=$(sed -n 's/.* in \([0-9.]*\) s CPU.*/\1/p' "$tmp/peer.txt")
    local madds=$((25 * (3 * H * H + 4 * 65 * H)))
    local ins
    ins=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=corpus_train_loop \
        "$build/bench/corpus_engine" --text "$text" --hidden "$H" --seq 25 --iterations 5 --only 2>&1 |
        sed -n 's/.*Collected : *//p')
    echo "\$ taskset -c 0 rnnstep $(train_args "$H" 0.1 | sed "s|$tmp/||; s|$text|corpus.txt|") --iterations $nr --every 1000"
    echo "\$ env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 taskset -c 0 $py bench/peer_numpy.py --text corpus.txt --init init$H.json --iterations $np"
    awk -v nr="$nr" -v tr="$tr" -v np="$np" -v tp="$tp" -v madds="$madds" -v peak="$peak" -v ins="$ins" 'BEGIN {
        r = nr / tr; p = np / tp; g = 2 * madds * r * 1e-9
        printf "rnnstep: %8.1f it/s (%d it in %.2f s CPU), %.2f GFLOP/s = %.1f%% of peak, %.2f M instructions/it (callgrind, AVX2 path)\n", r, nr, tr, g, 100 * g / peak, ins / 5e6
        printf "numpy:   %8.1f it/s (%d it in %.2f s CPU, training loop only)\n", p, np, tp
        printf "ratio rnnstep / numpy: %.2f\n\n", r / p }'
}

compare 100 4000 600
compare 512 300 40

echo "== scaling (bench/corpus_engine: rnnstep_engine_finish_iteration, CPU time, Adagrad, clip 5)"
for T in 25 100; do
    for H in 32 64 128 256 512 1024; do
        n=$(awk -v h="$H" -v t="$T" 'BEGIN {n = int(1.5e9 / (t * (3 * h * h + 260 * h))); print n < 3 ? 3 : n}')
        "${pin[@]}" "$build/bench/corpus_engine" --text "$text" --hidden "$H" --seq "$T" --iterations "$n"
    done
done
