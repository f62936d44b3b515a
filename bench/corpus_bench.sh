#!/usr/bin/env bash
# Corpus-mode benchmark (issues 6 and 15), run by hand, not part of CI (about
# ten minutes of CPU):
#   bench/corpus_bench.sh            (RNNSTEP=path: time that rnnstep binary instead)
# Builds build/bench-corpus in Release, makes the 1.1 MB, 65-character text
# (bench/corpus_text.py) and measures the machine (bench/machine.c: the FP64
# FMA peak of one core, the read bandwidth at the size of W at each hidden
# size). Then at hidden 100, 512 and 1024 (seq-length 25, Adagrad, clip 5),
# all from one saved parameter file per size: checks the NumPy and PyTorch
# peers agree with rnnstep on the losses, times the three on one core, one
# after the other, and prints iterations/s, the ratios, the share of the
# measured peak, the memory roofline and its share, and instructions per
# iteration; then the scaling table.
# rnnstep's figure is its training loop, as the peers': the whole process less the
# same command with --iterations 0 (its start-up). Times are process CPU time (user + sys): the machines are shared, so the
# load average is printed beside each figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/bench-corpus
py=/usr/bin/python3 # Debian's, with python3-numpy and python3-torch; not whatever is first on PATH
"$root/scripts/deps.sh" bench
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRNNSTEP_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
rnnstep=${RNNSTEP:-$build/rnnstep}
targets=(corpus_engine machine)
[ -n "${RNNSTEP:-}" ] || targets+=(rnnstep)
cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null
text=$build/corpus.txt
[ -f "$text" ] || "$py" "$root/bench/corpus_text.py" "$text"
pin=(taskset -c 0)
export OPENBLAS_NUM_THREADS=1
# Some machines set these for old OpenBLAS builds; the peer gets its own defaults.
numpy=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$py" "$root/bench/peer_numpy.py")
torch=("${pin[@]}" "$py" "$root/bench/peer_torch.py")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

load() { sed 's/.*load average: /load /' <(uptime); }
K=65
machine=$("${pin[@]}" "$build/bench/machine" --peak --read $((8 * 100 * 100)) --read $((8 * 512 * 512)) \
    --read $((8 * 1024 * 1024)))
peak=$(awk '$1 == "peak" {print $2}' <<<"$machine")
bandwidth() { awk -v b=$((8 * $1 * $1)) '$1 == "read" && $2 == b {print $3}' <<<"$machine"; }
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); text: $(wc -c <"$text") bytes; $(load)"
echo "FP64 FMA peak of one core (bench/machine --peak: 16 independent FMA chains on registers, $(awk '$1 == "peak" {print $3}' <<<"$machine")): $peak GFLOP/s"
for H in 100 512 1024; do
    echo "read bandwidth from $((8 * H * H / 1024)) KiB (W at hidden $H; bench/machine --read $((8 * H * H))): $(bandwidth "$H") GB/s"
done
echo "numpy peer: $("${numpy[@]}" --blas --text - --init - --iterations 0)"
echo "torch peer: $("${torch[@]}" --version)"
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

# agreement H PEER NAME N: the peer's losses against rnnstep's at lr 0.01 and 0.1.
agreement() {
    local H=$1 peer=$2 name=$3 n=$4 lr rel apart
    for lr in 0.01 0.1; do
        # shellcheck disable=SC2046 # train_args prints separate words
        "$rnnstep" $(train_args "$H" "$lr") --iterations "$n" >"$tmp/r.csv"
        local -n cmd=$peer
        "${cmd[@]}" --text "$text" --init "$tmp/init$H.json" --lr "$lr" --iterations "$n" \
            >"$tmp/p.csv" 2>/dev/null
        rel=$(max_rel "$tmp/r.csv" "$tmp/p.csv")
        apart=$(first_apart "$tmp/r.csv" "$tmp/p.csv")
        [ -n "$apart" ] && apart="(first beyond 1e-9 at iteration $apart)" || apart="(ok, <= 1e-9)"
        echo "agreement with $name, lr $lr, losses of iterations 0-$((n - 1)): max relative difference $rel $apart"
    done
}

# peer_time PEER H N: CPU seconds of the peer's training loop (it prints them).
peer_time() {
    local -n cmd=$1
    "${cmd[@]}" --text "$text" --init "$tmp/init$2.json" --iterations "$3" --every 1000 \
        2>"$tmp/peer.txt" >/dev/null
    sed -n 's/.* in \([0-9.]*\) s CPU.*/\1/p' "$tmp/peer.txt"
}

# Bytes one iteration's window must read at hidden H: W for each forward and
# each backward step, V for each V^T dy, and the blocked products' operands
# once (V for Omega, dV read and written, dW read and written).
window_bytes() { echo $((8 * (2 * 25 * $1 * $1 + 25 * K * $1 + 3 * K * $1 + 2 * $1 * $1))); }

compare() { # H N_RNNSTEP N_NUMPY N_TORCH N_AGREE
    local H=$1 nr=$2 nn=$3 nt=$4 na=$5
    "$rnnstep" --batch --text-file "$text" --seq-length 25 --hidden "$H" --seed 1 \
        --optimizer adagrad --iterations 0 --save "$tmp/init$H.json" >/dev/null
    echo "== hidden $H, seq-length 25, Adagrad, clip 5, vocabulary 65; all from --init init$H.json"
    agreement "$H" numpy numpy "$na"
    agreement "$H" torch torch "$na"
    local tr ts tn tt l0 l1 ins
    l0=$(load)
    # shellcheck disable=SC2046
    tr=$(cpu_time "${pin[@]}" "$rnnstep" $(train_args "$H" 0.1) --iterations "$nr" --every 1000)
    # The peers time their training loop only; rnnstep's start-up (reading the
    # text and the parameter file, taking its memory) is the same command with
    # no iterations, subtracted so that all three count the same work.
    # shellcheck disable=SC2046
    ts=$(cpu_time "${pin[@]}" "$rnnstep" $(train_args "$H" 0.1) --iterations 0)
    tn=$(peer_time numpy "$H" "$nn")
    tt=$(peer_time torch "$H" "$nt")
    l1=$(load)
    ins=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=corpus_train_loop \
        "$build/bench/corpus_engine" --text "$text" --hidden "$H" --seq 25 --iterations 4 --only 2>&1 |
        sed -n 's/.*Collected : *//p')
    echo "\$ taskset -c 0 rnnstep $(train_args "$H" 0.1 | sed "s|$tmp/||; s|$text|corpus.txt|") --iterations $nr --every 1000"
    echo "\$ env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 taskset -c 0 $py bench/peer_numpy.py --text corpus.txt --init init$H.json --iterations $nn"
    echo "\$ taskset -c 0 $py bench/peer_torch.py --text corpus.txt --init init$H.json --iterations $nt"
    awk -v nr="$nr" -v tr="$tr" -v ts="$ts" -v nn="$nn" -v tn="$tn" -v nt="$nt" -v tt="$tt" -v peak="$peak" \
        -v madds=$((25 * (3 * H * H + 4 * K * H))) -v ins="$ins" -v bytes="$(window_bytes "$H")" \
        -v bw="$(bandwidth "$H")" -v l0="$l0" -v l1="$l1" 'BEGIN {
        r = nr / (tr - ts); n = nn / tn; t = nt / tt; g = 2 * madds * r * 1e-9; roof = bw * 1e9 / bytes
        printf "rnnstep: %8.1f it/s (%d it in %.2f s CPU: the whole process %.2f s less its start-up %.2f s, --iterations 0), %.2f GFLOP/s = %.1f%% of the measured peak, %.2f M instructions/it (callgrind, AVX2 path)\n", r, nr, tr - ts, tr, ts, g, 100 * g / peak, ins / 4e6
        printf "rnnstep, whole process: %8.1f it/s\n", nr / tr
        printf "numpy:   %8.1f it/s (%d it in %.2f s CPU, training loop only)\n", n, nn, tn
        printf "torch:   %8.1f it/s (%d it in %.2f s CPU, training loop only)\n", t, nt, tt
        printf "ratios: rnnstep / numpy %.2f, rnnstep / torch %.2f\n", r / n, r / t
        printf "memory roofline: %.2f MB read per window at %.1f GB/s = %.1f it/s; rnnstep at %.1f%% of it\n", bytes / 1e6, bw, roof, 100 * r / roof
        printf "(%s at the start, %s at the end)\n\n", l0, l1 }'
}

compare 100 4000 600 600 100
compare 512 1200 40 30 100
compare 1024 240 10 6 30

echo "== scaling (bench/corpus_engine: rnnstep_engine_finish_iteration, CPU time, Adagrad, clip 5; $(load))"
for T in 25 100; do
    for H in 32 64 128 256 512 1024; do
        n=$(awk -v h="$H" -v t="$T" 'BEGIN {n = int(1.5e9 / (t * (3 * h * h + 260 * h))); print n < 3 ? 3 : n}')
        "${pin[@]}" "$build/bench/corpus_engine" --text "$text" --hidden "$H" --seq "$T" --iterations "$n"
    done
done
echo "($(load))"
