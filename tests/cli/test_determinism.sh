#!/usr/bin/env bash
# Results must not depend on the build: the engine compiled by gcc and clang
# at -O0 and -O3 (and with only the generic kernels) trains the worked example
# and a larger model for 100 epochs to the same numbers, within 1e-12
# relative. Exits 77 (skipped) when gcc or clang is missing.
# Usage: bash test_determinism.sh RNNSTEP SOURCE_DIR
set -u
src=$2
for cc in gcc clang; do
    if ! command -v "$cc" >/dev/null; then
        echo "skipped: $cc is not installed"
        exit 77
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The engine's own flags, read from CMakeLists.txt so this test follows them.
grep -q 'rnnstep_engine PRIVATE -ffp-contract=off -fno-fast-math' "$src/CMakeLists.txt" || {
    echo "FAIL: CMakeLists.txt no longer compiles the engine with -ffp-contract=off" >&2
    exit 1
}
engine_flags=(-std=c17 -D_POSIX_C_SOURCE=200809L -ffp-contract=off -fno-fast-math -I"$src/include")
# Per-ISA kernel files and their extra options, as CMakeLists.txt sets them.
isa_flags() {
    sed -n "s/.*$1 PROPERTIES COMPILE_OPTIONS \"\\([^\"]*\\)\".*/\\1/p" "$src/CMakeLists.txt"
}
x86=false
[ "$(uname -m)" = x86_64 ] && [ -n "$(isa_flags kernels_avx2.c)" ] && x86=true

# build NAME CC OPT [generic]: compiles the engine and the driver into $tmp/NAME.
build() {
    local name=$1 cc=$2 opt=$3 generic=${4:-} dir="$tmp/$1" f
    local flags=("${engine_flags[@]}" "$opt")
    mkdir -p "$dir"
    $x86 && [ -z "$generic" ] && flags+=(-DRNNSTEP_KERNELS_X86)
    for f in "$src"/src/engine/*.c; do
        case $(basename "$f") in
        kernels_avx2.c | kernels_avx512.c)
            { $x86 && [ -z "$generic" ]; } || continue
            local isa
            isa=$(isa_flags "$(basename "$f")")
            [ -n "$isa" ] || { echo "FAIL: no options for $(basename "$f") in CMakeLists.txt" >&2; return 1; }
            # shellcheck disable=SC2086 # the options are ;-separated words
            "$cc" "${flags[@]}" ${isa//;/ } -c "$f" -o "$dir/$(basename "$f" .c).o" || return 1
            ;;
        *) "$cc" "${flags[@]}" -c "$f" -o "$dir/$(basename "$f" .c).o" || return 1 ;;
        esac
    done
    "$cc" "${flags[@]}" "$src/tests/cli/determinism_driver.c" "$dir"/*.o -o "$dir/driver" \
        -ljansson -lm || return 1
    "$dir/driver" >"$tmp/$name.txt" || return 1
}

status=0
builds=("gcc-O0 gcc -O0" "gcc-O3 gcc -O3" "clang-O0 clang -O0" "clang-O3 clang -O3"
    "gcc-O3-generic gcc -O3 generic")
for b in "${builds[@]}"; do
    # shellcheck disable=SC2086 # NAME CC OPT [generic]
    build $b || {
        echo "FAIL: build or run of ${b%% *} failed" >&2
        status=1
    }
done
[ "$status" -eq 0 ] || exit 1

# Compares every build with gcc -O0; also says whether the bits are equal.
cd "$tmp" && /usr/bin/python3 - gcc-O0.txt gcc-O3.txt clang-O0.txt clang-O3.txt gcc-O3-generic.txt <<'PY'
import sys
ref_name, *others = sys.argv[1:]
ref = open(ref_name).read().splitlines()
# Lines are "MODEL epoch K LOSS GRAD_NORM" and "MODEL theta I VALUE".
if len(ref) < 202 or not ref[0].startswith("example epoch 0 6.0337"):
    sys.exit("FAIL: %s: unexpected output %r" % (ref_name, ref[:1]))
bad = False
for name in others:
    lines = open(name).read().splitlines()
    if len(lines) != len(ref):
        sys.exit("FAIL: %s has %d lines, %s %d" % (name, len(lines), ref_name, len(ref)))
    worst = 0.0
    for a, b in zip(ref, lines):
        ka, kb = a.split()[:3], b.split()[:3]
        if ka != kb:
            sys.exit("FAIL: %s: line %r where %s has %r" % (name, b, ref_name, a))
        for x, y in zip(map(float, a.split()[3:]), map(float, b.split()[3:])):
            rel = abs(x - y) / max(abs(x), abs(y), 1e-300)
            if not rel <= 1e-12:
                print("FAIL: %s: %r, %s: %r" % (name, b, ref_name, a))
                bad = True
            worst = max(worst, rel)
    print("%-16s worst relative difference from %s: %.3g%s"
          % (name, ref_name, worst, " (bit-identical)" if lines == ref else ""))
sys.exit(1 if bad else 0)
PY
