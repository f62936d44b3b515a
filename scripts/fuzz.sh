#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs
# each for FUZZ_SECONDS (default: 180 s shared among the targets, so adding a
# target does not lengthen CI) from its seed corpus in tests/fuzz/corpus/.
# The corpus is copied to a temporary directory, so the run leaves the
# repository clean. Fails on any crash, leak, sanitizer report or timeout;
# the failing input is kept in build/fuzz/findings/ (add it to the seed
# corpus as a regression input once fixed).
# Usage: scripts/fuzz.sh [TARGET...]   (default: params text input options record)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(params text input options record)
seconds=${FUZZ_SECONDS:-$((180 / ${#targets[@]}))}

scripts/deps.sh test
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
findings=build/fuzz/findings
mkdir -p "$findings"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

max_len() {
    case "$1" in
    params) echo 16384 ;; # room for a nesting-depth seed of a few thousand brackets
    *) echo 4096 ;;
    esac
}

status=0
for t in "${targets[@]}"; do
    cp -r "tests/fuzz/corpus/$t" "$work/$t"
    echo "== fuzz_$t for ${seconds}s ($(ls "$work/$t" | wc -l) seed inputs)"
    if build/fuzz/fuzz_"$t" "$work/$t" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1 \
        -artifact_prefix="$findings/$t-" >"$work/$t.log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done' "$work/$t.log" | tr '\n' ' '
        echo
    else
        status=1
        echo "fuzz_$t FAILED; the input is in $findings/:" >&2
        tail -n 60 "$work/$t.log" >&2
    fi
done
exit $status
