#!/usr/bin/env bash
# Batch mode through the real binary: the csv, jsonl and table formats, the
# --trace schema, --gradcheck, --save/--init round trips, --help/--version
# and the exit status and one-line message for bad options.
# Usage: bash test_batch.sh RNNSTEP SOURCE_DIR
set -u
bin=$1
src=$2
py=/usr/bin/python3
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# A python check over files in $tmp; it prints what is wrong and exits 1.
check_py() {
    local what=$1 code=$2
    shift 2
    (cd "$tmp" && "$py" -c "$code" "$@") || fail "$what"
}

# ---- csv: header, 17 significant digits, the worked example's rows ----
run csv --batch --format csv --epochs 100
expect_status csv 0
[ "$(head -n 1 "$tmp/csv.out")" = "epoch,loss,grad_norm" ] || fail "csv header: $(head -n 1 "$tmp/csv.out")"
[ "$(wc -l <"$tmp/csv.out")" -eq 102 ] || fail "csv: expected a header and 101 rows"
[ -s "$tmp/csv.err" ] && fail "csv: unexpected stderr: $(cat "$tmp/csv.err")"
check_py "csv rows and number format" '
import sys
rows = [l.rstrip("\n").split(",") for l in open("csv.out")][1:]
# The worked example: epoch 0 (section 5), 1 (section 6.7) and 100, to the
# four decimals of the document (it adds rounded step losses, hence 2e-4).
want = {0: 6.0338, 1: 5.6922, 100: 2.0603}
for i, r in enumerate(rows):
    if len(r) != 3 or r[0] != str(i):
        sys.exit("csv row %d: %r" % (i, r))
    for s in r[1:]:
        if format(float(s), ".17g") != s:
            sys.exit("csv row %d: %r is not printed with %%.17g" % (i, s))
for k, w in want.items():
    if abs(float(rows[k][1]) - w) > 2e-4:
        sys.exit("csv epoch %d loss %s, expected %s" % (k, rows[k][1], w))
losses = [float(r[1]) for r in rows]
if not all(a > b for a, b in zip(losses, losses[1:])):
    sys.exit("csv: the loss does not fall every epoch over the first 100")
'

# ---- jsonl: every line a JSON object with the same numbers as csv ----
run jsonl --batch --format jsonl --epochs 100
expect_status jsonl 0
check_py "jsonl parses and matches csv" '
import json, sys
csv = [l.rstrip("\n").split(",") for l in open("csv.out")][1:]
lines = open("jsonl.out").read().splitlines()
if len(lines) != 101:
    sys.exit("jsonl: %d lines" % len(lines))
for i, line in enumerate(lines):
    rec = json.loads(line)
    if list(rec) != ["epoch", "loss", "grad_norm"]:
        sys.exit("jsonl line %d keys %s" % (i, list(rec)))
    if rec["epoch"] != i or rec["loss"] != float(csv[i][1]) or rec["grad_norm"] != float(csv[i][2]):
        sys.exit("jsonl line %d differs from csv: %s" % (i, line))
'

# ---- table: a header and aligned rows with the same numbers ----
run table --batch --epochs 100
expect_status table 0
check_py "table rows" '
import re, sys
lines = open("table.out").read().splitlines()
if lines[0].split() != ["epoch", "loss", "grad_norm", "note"]:
    sys.exit("table header: %r" % lines[0])
csv = [l.rstrip("\n").split(",") for l in open("csv.out")][1:]
if len(lines) != 102:
    sys.exit("table: %d lines" % len(lines))
for i, line in enumerate(lines[1:]):
    f = line.split()
    if f[:3] != csv[i]:
        sys.exit("table row %d %r differs from csv %r" % (i, f, csv[i]))
ends = lambda line: [m.end() for m in re.finditer(r"\S+", line)][:3]
if any(ends(l) != ends(lines[0]) for l in lines[1:]):
    sys.exit("table: numbers are not right-aligned under their headings")
'
run clip --batch --epochs 3 --clip 0.5
expect_status clip 0
grep -Eq '^ +0 .* clipped$' "$tmp/clip.out" || fail "table: epoch 0 with --clip 0.5 is not noted as clipped"

# ---- --trace: one JSON record per micro-step ----
run trace --batch --format csv --epochs 3 --trace "$tmp/trace.jsonl"
expect_status trace 0
cmp -s "$tmp/trace.out" <(head -n 5 "$tmp/csv.out") || fail "--trace changed the csv output"
check_py "trace schema" '
import json, sys
recs = [json.loads(l) for l in open("trace.jsonl")]
# Each epoch is 4 forward, 4 backward and 1 update step (9); the last row
# (epoch 3) needs its forward and backward pass for the loss and gradient norm.
if len(recs) != 9 * 3 + 8:
    sys.exit("trace: %d records, expected 35" % len(recs))
common = ["tick", "iteration", "phase", "t", "position"]
tail = ["loss_sum", "events"]
keys = {
    "forward": ["input", "target", "h_prev", "z", "h", "o", "y", "pred", "loss"],
    "backward": ["dy", "dh", "dr", "dh_next", "grad"],
    "update": ["optimizer", "lr", "grad_norm", "before", "applied", "after"],
}
block = ["U", "W", "b", "V", "c"]
csv = [l.rstrip("\n").split(",") for l in open("csv.out")][1:]
for i, r in enumerate(recs):
    epoch, k = divmod(i, 9)
    phase, t = ("forward", k + 1) if k < 4 else ("backward", 8 - k) if k < 8 else ("update", 0)
    if list(r) != common + keys[phase] + tail:
        sys.exit("record %d keys %s" % (i, list(r)))
    if (r["tick"], r["iteration"], r["phase"], r["t"], r["position"]) != (i + 1, epoch, phase, t, 0):
        sys.exit("record %d: %s" % (i, [r[c] for c in common]))
    if not isinstance(r["events"], list):
        sys.exit("record %d events %r" % (i, r["events"]))
    if phase == "forward":
        if [len(r[v]) for v in ("h_prev", "z", "h", "o", "y")] != [1, 1, 1, 4, 4]:
            sys.exit("record %d vector sizes" % i)
        if (r["input"], r["target"]) != ([0, 1, 2, 2][t - 1], [1, 2, 2, 3][t - 1]):
            sys.exit("record %d input/target" % i)
    for name in ("grad", "before", "applied", "after"):
        if name in r and list(r[name]) != block:
            sys.exit("record %d %s keys %s" % (i, name, list(r[name])))
    if phase == "update":
        if r["loss_sum"] != float(csv[epoch][1]) or r["grad_norm"] != float(csv[epoch][2]):
            sys.exit("update %d: loss_sum/grad_norm differ from csv row %d" % (i, epoch))
        if r["optimizer"] != "sgd" or r["lr"] != 0.1:
            sys.exit("update %d settings" % i)
first = recs[0]
if abs(first["h"][0] - 0.1432) > 2e-4 or abs(first["loss"] - 1.4397) > 2e-4:
    sys.exit("first record: h_1 %s, L_1 %s (worked example 0.1432, 1.4397)" % (first["h"], first["loss"]))
if recs[0]["events"] != ["pass"]:
    sys.exit("first record events %s" % recs[0]["events"])
u = recs[8]
if abs(u["after"]["W"][0][0] - (-0.6016)) > 2e-4 or abs(u["applied"]["b"][0] - (-0.2436)) > 2e-4:
    sys.exit("first update: W %s, dL/db %s (worked example -0.6016, -0.2436)" % (u["after"]["W"], u["applied"]["b"]))
'

# ---- --gradcheck: passes on the worked example and on bigger models ----
run gc --gradcheck
expect_status gc 0
grep -q '^gradcheck passed' "$tmp/gc.out" || fail "--gradcheck: no pass line: $(cat "$tmp/gc.out")"
for p in U W b V c; do
    grep -Eq "^$p +[0-9]+ +[0-9.e+-]+ " "$tmp/gc.out" || fail "--gradcheck: no line for $p"
done
run gc3 --gradcheck --text "héllo wörld" --hidden 8 --seed 3
expect_status gc3 0
grep -q '^gradcheck passed' "$tmp/gc3.out" || fail "--gradcheck hidden 8: $(tail -n 1 "$tmp/gc3.out")"
# An English text where a relative tolerance alone cried wolf on rounding noise.
run gc_en --gradcheck --text-file "$src/tests/data/english.txt" --seq-length 25 --hidden 16 --seed 1
expect_status gc_en 0
grep -q '^gradcheck passed' "$tmp/gc_en.out" || fail "--gradcheck english: $(tail -n 1 "$tmp/gc_en.out")"
# Parameters that overflow the loss: nan everywhere is a failure, never a pass.
sed 's/-0.2246/-1.7e308/; s/-0.3053/1.7e308/' "$src/assets/examples/hello.json" >"$tmp/huge.json"
run gc_nan --gradcheck --init "$tmp/huge.json"
expect_status gc_nan 1
grep -q '^gradcheck FAILED: the loss is not finite' "$tmp/gc_nan.out" ||
    fail "--gradcheck on an overflowing model: $(tail -n 1 "$tmp/gc_nan.out")"

# ---- --seq-length at the text's length: the message says what is needed ----
run seq26 --batch --epochs 1 --text abcdefghijklmnopqrstuvwxyz --seq-length 26
expect_status seq26 2
grep -q 'needs 27 characters.*the text has 26, so at most 25' "$tmp/seq26.err" ||
    fail "--seq-length 26 on 26 characters: $(cat "$tmp/seq26.err")"
run seq25 --batch --epochs 1 --text abcdefghijklmnopqrstuvwxyz --seq-length 25
expect_status seq25 0

# ---- --save then --init: identical results, identical files ----
run long --batch --format csv --epochs 8
run save --batch --format csv --epochs 5 --save "$tmp/p5.json"
expect_status save 0
run init --batch --format csv --epochs 3 --init "$tmp/p5.json" --save "$tmp/p8.json"
expect_status init 0
# SGD keeps no state, so epochs 0..3 from the saved file are epochs 5..8.
check_py "--init from --save continues exactly" '
import json, sys
long = [l.split(",", 1)[1] for l in open("long.out").read().splitlines()[1:]]
cont = [l.split(",", 1)[1] for l in open("init.out").read().splitlines()[1:]]
if long[5:9] != cont:
    sys.exit("epochs 5..8 %s vs reloaded 0..3 %s" % (long[5:9], cont))
doc = json.load(open("p5.json"))
if [doc[k] for k in ("format", "version", "vocab", "hidden")] != ["rnnstep-params", 1, "helo", 1]:
    sys.exit("saved header %s" % doc)
'
run long8 --batch --format csv --epochs 8 --save "$tmp/p8direct.json"
cmp -s "$tmp/p8.json" "$tmp/p8direct.json" || fail "--save after 5 + 3 epochs differs from after 8"
run example --batch --format csv --epochs 100 --init "$src/assets/examples/hello.json"
expect_status example 0
cmp -s "$tmp/example.out" "$tmp/csv.out" || fail "--init assets/examples/hello.json differs from the default"

# ---- --help and --version: stdout, exit 0 ----
for opt in --help -h --version -V; do
    run help "$opt"
    expect_status help 0
    [ -s "$tmp/help.out" ] || fail "$opt: nothing on stdout"
    [ -s "$tmp/help.err" ] && fail "$opt: wrote to stderr"
done
run help --help
grep -q -- '--batch' "$tmp/help.out" || fail "--help does not mention --batch"
run version --version
grep -Eq '^rnnstep [0-9]+\.[0-9]+\.[0-9]+( \(commit [0-9a-f]{12}(-dirty)?\))?$' "$tmp/version.out" || fail "--version: $(cat "$tmp/version.out")"

# ---- bad options: exit 2, nothing on stdout, one line on stderr ----
bad_options=(
    "--bogus"
    "-x"
    "--batch --hidden 0"
    "--batch --hidden 3x"
    "--batch --hidden 1025"
    "--batch --hidden"
    "--batch --lr nan"
    "--batch --lr -1"
    "--batch --lr 0"
    "--batch --epochs -1"
    "--batch --epochs 1e3"
    "--batch --format xml"
    "--batch --optimizer rmsprop"
    "--batch --clip 0"
    "--batch --clip inf"
    "--batch --seed -3"
    "--batch extra"
    "--batch --text hello --text-file /etc/hostname"
)
for args in "${bad_options[@]}"; do
    # shellcheck disable=SC2086 # word splitting is the point
    run bad $args
    expect_status bad 2
    [ -s "$tmp/bad.out" ] && fail "$args: wrote to stdout"
    [ "$(wc -l <"$tmp/bad.err")" -eq 1 ] || fail "$args: stderr is not one line: $(cat "$tmp/bad.err")"
    grep -q '^rnnstep: ' "$tmp/bad.err" || fail "$args: message does not start with 'rnnstep: '"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all batch checks passed"
