#!/usr/bin/env bash
# The BPTT lab through the real binary: --gradcheck under --truncate (bias
# reported, exit 0) and --inject-bug (fails, names the corrupted parameters),
# option errors, --clip-norm's note and jsonl field, lab fields in the trace
# (and a plain trace unchanged by K >= T), and --diagnostics.
# Usage: bash test_lab.sh RNNSTEP SOURCE_DIR
set -u
bin=$1
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_line() {
    local name=$1 line=$2
    grep -qxF -- "$line" "$tmp/$name.out" || fail "$name: no line '$line' in: $(cat "$tmp/$name.out")"
}

# ---- gradcheck: truncation reports its bias and exits 0 ----
run trunc --gradcheck --truncate 2
expect_status trunc 0
expect_line trunc "gradcheck reported the truncation bias (not a failure: --inject-bug makes one)"
expect_line trunc "U               1.303e-01   0.993482"
run trunc_full --gradcheck --truncate 4 # K = T: plain BPTT, plain verdict
expect_status trunc_full 0
grep -q "^gradcheck passed" "$tmp/trunc_full.out" || fail "K = T: not the plain verdict"

# ---- gradcheck: each bug fails and names what it corrupts ----
for spec in "no-carry:U, W, b" "no-tanh-gate:U, W, b" "sign:U, W, b, V, c" \
    "no-zero-grad:U, W, b, V, c"; do
    bug=${spec%%:*}
    run "bug_$bug" --gradcheck --inject-bug "$bug" --hidden 3 --seed 2
    expect_status "bug_$bug" 1
    expect_line "bug_$bug" "gradcheck FAILED with --inject-bug $bug: corrupts ${spec#*:}"
done
run plain --gradcheck --hidden 3 --seed 2
expect_status plain 0

# ---- option errors ----
run bad_bug --batch --inject-bug off-by-one
expect_status bad_bug 2
grep -qF "rnnstep: --inject-bug: 'off-by-one' is not one of no-carry, no-tanh-gate, sign, no-zero-grad" \
    "$tmp/bad_bug.err" || fail "bad bug message: $(cat "$tmp/bad_bug.err")"
run bad_k --batch --truncate 0
expect_status bad_k 2
run bad_norm --batch --clip-norm -1
expect_status bad_norm 2
run bad_diag --batch --diagnostics --format csv
expect_status bad_diag 2

# ---- --clip-norm: the factor in the note and in jsonl ----
run norm --batch --epochs 1 --clip-norm 1
expect_status norm 0
grep -q "^         0 .*  clipped (norm x 0.522529)$" "$tmp/norm.out" || fail "clip-norm note: $(cat "$tmp/norm.out")"
run normj --batch --epochs 1 --clip-norm 1 --format jsonl
grep -qF '"clip_scale":0.52252912660871598}' "$tmp/normj.out" || fail "clip-norm jsonl: $(cat "$tmp/normj.out")"

# ---- trace: lab fields only when on; K >= T leaves the trace byte for byte ----
run tplain --batch --epochs 2 --trace "$tmp/plain.jsonl"
run tfull --batch --epochs 2 --truncate 100 --trace "$tmp/full.jsonl"
cmp -s "$tmp/plain.jsonl" <(sed 's/,"truncate":100//' "$tmp/full.jsonl") ||
    fail "a trace with --truncate 100 differs from the plain one beyond the truncate field"
grep -q '"truncate"' "$tmp/plain.jsonl" && fail "plain trace has a truncate field"
run tlab --batch --epochs 1 --truncate 2 --inject-bug sign --clip-norm 1 --trace "$tmp/lab.jsonl"
grep -qF '"truncate":2,"bug":"sign","clip_norm":1,"clip_scale":' "$tmp/lab.jsonl" ||
    fail "lab fields missing from the update record"

# ---- --edit: the row's note, the trace's surgery record, bad edits ----
run edit --batch --epochs 2 --edit 'W[0][0]=0.3' --trace "$tmp/edit.jsonl"
expect_status edit 0
grep -q "^         0 .*  edited$" "$tmp/edit.out" || fail "edit note: $(cat "$tmp/edit.out")"
head -1 "$tmp/edit.jsonl" | grep -qF '{"tick":0,"iteration":0,"phase":"surgery","edit":"set W[0][0] = 0.3","param":"W","kind":"set","index":0,"value":0.29999999999999999,"after":{"U":' ||
    fail "no surgery record first in the trace: $(head -c 200 "$tmp/edit.jsonl")"
run scaled --batch --epochs 700 --edit 'W*0.5@650'
grep -q "^       650 .*  exploded, edited$" "$tmp/scaled.out" || fail "W*0.5@650 not noted at 650"
run edit_out --batch --edit 'W[1][0]=2'
expect_status edit_out 2
grep -qxF "rnnstep: --edit: W[1][0] is outside W, which is 1 x 1" "$tmp/edit_out.err" ||
    fail "edit outside: $(cat "$tmp/edit_out.err")"
for spec in 'Q*2' 'W*2@x' 'W[0]=1' 'W*nan'; do
    run edit_bad --batch --edit "$spec"
    expect_status edit_bad 2
done

# ---- --diagnostics after the rows ----
run diag --batch --epochs 657 --diagnostics
expect_status diag 0
expect_line diag "initial loss            6.03374 (T ln(vocab) = 4 x ln 4 = 5.54518)"
expect_line diag "clipping candidates     raw norm 10.3573; element-wise at 1: norm 2.1272, cosine 0.914927 (4 entries)"
# After the first update b and c, which start at 0, have no ratio (not inf);
# once training is nan every figure reads nan (not inf, not printf's -nan).
run diag_first --batch --epochs 1 --diagnostics
expect_line diag_first "update / parameter      U 5.701e-02  W 2.497e-02  b n/a, was 0  V 1.147e-01  c n/a, was 0"
run diag_nan --batch --epochs 100 --inject-bug no-tanh-gate --diagnostics
expect_line diag_nan "saturated units         nan: h is not finite"
expect_line diag_nan "update / parameter      U nan  W nan  b nan  V nan  c nan"
expect_line diag_nan "gradient norm           U nan  W nan  b nan  V nan  c nan"
for name in diag diag_first diag_nan; do
    sed -n '/^diagnostics after/,$p' "$tmp/$name.out" | grep -qwE -- '-?inf|-nan' &&
        fail "$name: inf or -nan in the diagnostics: $(cat "$tmp/$name.out")"
done

[ "$failures" -eq 0 ] || exit 1
echo "lab: all checks passed"
