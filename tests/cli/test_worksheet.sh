#!/usr/bin/env bash
# --worksheet through the real binary: the default document's numbers against
# the worked example (docs/worked-example.md, typed in below) at
# 2e-4; another configuration's numbers against --trace, rounded; the exercise
# version's blanks and answer key; pandoc converting each document without a
# warning; size limits, --decimals and the output file's safety.
# Usage: bash test_worksheet.sh RNNSTEP SOURCE_DIR
set -u
bin=$1
src=$2
py=/usr/bin/python3
source "$(dirname "$0")/lib.sh"

# A python check over files in $tmp, with the worksheet reader below.
check_py() {
    local what=$1 code=$2
    (cd "$tmp" && "$py" -c "$reader
$code") || fail "$what"
}

# results(path): {section: [(name, [numbers]), ...]} from the rows
# "name &= value" of the aligned blocks; the exercise's "(n)" tags are kept
# as the value "blank". Section 9's table rows come as ("epoch k", [loss]).
reader='
import re, sys
def numbers(tex):
    tex = tex.replace("\\text{nan}", "nan")
    return [float(x) for x in re.findall(r"-?\d+\.\d+|-?\d+|nan", re.sub(r"_\{\d+\}", "", tex))]
def results(path):
    out, section = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"## (\d+) ", line)
        if m:
            section = int(m.group(1))
            continue
        m = re.match(r"\| (\d+) \| \$(.*)\$ \|", line)
        if m:
            out.setdefault(9, []).append(("epoch " + m.group(1), numbers(m.group(2))))
            continue
        m = re.match(r"^(.+?) &= (.*?)( \\\\)?$", line.rstrip("\n"))
        if not m or section is None:
            continue
        name, value = m.group(1).split(" = ")[0], m.group(2)
        if "\\boxed" in value:
            out.setdefault(section, []).append((name, "blank"))
        elif not re.search(r"[a-zA-Z]", re.sub(r"\\(begin|end)\{bmatrix\}", "", value)):
            out.setdefault(section, []).append((name, numbers(value)))
    return out
def close(got, want, tol, what):
    if len(got) != len(want) or any(abs(g - w) > tol for g, w in zip(got, want)):
        sys.exit("%s: got %s, expected %s (tolerance %g)" % (what, got, want, tol))
'

"$bin" --worksheet "$tmp/default.md" >"$tmp/default.out" 2>&1 || fail "default worksheet: $(cat "$tmp/default.out")"
[ -s "$tmp/default.out" ] && fail "default worksheet printed: $(cat "$tmp/default.out")"

# ---- the default: every number of the worked example, within 2e-4 ----
check_py "default worksheet against the worked example" '
r = results("default.md")
doc = {
 5: {"h_{1}": [0.1432], "h_{2}": [-0.3055], "h_{3}": [-0.4540], "h_{4}": [-0.3821],
     "\\Omega_{1}": [-0.0322, -0.0437, 0.0703, 0.0396], "\\Omega_{2}": [0.0686, 0.0933, -0.1498, -0.0845],
     "\\Omega_{3}": [0.1019, 0.1386, -0.2227, -0.1256], "\\Omega_{4}": [0.0858, 0.1166, -0.1874, -0.1058],
     "\\hat{y}_{1}": [0.2398, 0.2370, 0.2656, 0.2576], "\\hat{y}_{2}": [0.2712, 0.2780, 0.2180, 0.2327],
     "\\hat{y}_{3}": [0.2812, 0.2917, 0.2032, 0.2239], "\\hat{y}_{4}": [0.2764, 0.2851, 0.2103, 0.2282],
     "L_{1}": [1.4397], "L_{2}": [1.5232], "L_{3}": [1.5934], "L_{4}": [1.4775], "L": [6.0338]},
 6: {"\\hat{y}_{1} - y_{1}": [0.2398, -0.7630, 0.2656, 0.2576], "\\hat{y}_{2} - y_{2}": [0.2712, 0.2780, -0.7820, 0.2327],
     "\\hat{y}_{3} - y_{3}": [0.2812, 0.2917, -0.7968, 0.2239], "\\hat{y}_{4} - y_{4}": [0.2764, 0.2851, 0.2103, -0.7718]},
 7: {"\\frac{\\partial L}{\\partial V}": [-0.2818, -0.4356, 0.5583, 0.1591], "V_{new}": [-0.1964, -0.2617, 0.4347, 0.2609],
     "\\frac{\\partial L}{\\partial c}": [1.0686, 0.0917, -1.1028, -0.0575], "c_{new}": [-0.1069, -0.0092, 0.1103, 0.0058],
     "\\frac{\\partial L}{\\partial W}": [0.1466], "W_{new}": [-0.6016],
     "\\frac{\\partial L}{\\partial U}": [0.5300, -0.2733, -0.5002, 0], "U_{new}": [0.0912, -0.2041, -0.6190, 1.1585],
     "\\frac{\\partial L}{\\partial b}": [-0.2436], "b_{new}": [0.0244]},
 8: {"\\hat{y}_{1}": [0.2169, 0.2374, 0.2898, 0.2559], "\\hat{y}_{2}": [0.2389, 0.2676, 0.2544, 0.2391],
     "\\hat{y}_{3}": [0.2494, 0.2826, 0.2377, 0.2303], "\\hat{y}_{4}": [0.2440, 0.2749, 0.2463, 0.2349],
     "L_{1}": [1.4381], "L_{2}": [1.3687], "L_{3}": [1.4368], "L_{4}": [1.4486], "L": [5.6922]},
 9: {"epoch 1": [5.6922], "epoch 100": [2.0603]},
}
for section, want in doc.items():
    got = {}
    for name, value in r.get(section, []):
        got.setdefault(name, value) # the first row of that name: the result
    for name, w in want.items():
        if name not in got:
            sys.exit("section %d: no result %s (have %s)" % (section, name, sorted(got)))
        close(got[name], w, 2e-4, "section %d %s" % (section, name))
# Every figure is written to 4 decimals (exact zeros as 0).
body = open("default.md", encoding="utf-8").read()
if not re.search(r"h_\{1\} &= \\begin\{bmatrix\} 0\.1432 \\end\{bmatrix\}", body):
    sys.exit("h_1 is not written as 0.1432")
'

# ---- another configuration against --trace, rounded to --decimals ----
config=(--text "abcab" --hidden 2 --seed 3 --clip 0.3 --lr 0.5)
"$bin" "${config[@]}" --worksheet "$tmp/other.md" --decimals 6 --epochs 3 || fail "other worksheet failed"
"$bin" "${config[@]}" --batch --epochs 3 --trace "$tmp/other.jsonl" >/dev/null || fail "other trace failed"
check_py "other configuration against --trace" '
import json
r = results("other.md")
recs = [json.loads(l) for l in open("other.jsonl")]
epoch0 = [x for x in recs if x["iteration"] == 0]
fwd = {x["t"]: x for x in epoch0 if x["phase"] == "forward"}
bwd = {x["t"]: x for x in epoch0 if x["phase"] == "backward"}
upd = [x for x in epoch0 if x["phase"] == "update"][0]
fwd1 = {x["t"]: x for x in recs if x["iteration"] == 1 and x["phase"] == "forward"}
flat = lambda v: [a for row in v for a in (row if isinstance(row, list) else [row])]
tol = 0.5e-6 + 1e-12
want = []
for t in sorted(fwd):
    want += [(5, "h_{%d}" % t, fwd[t]["h"]), (5, "\\Omega_{%d}" % t, fwd[t]["o"]),
             (5, "\\hat{y}_{%d}" % t, fwd[t]["y"]), (5, "L_{%d}" % t, [fwd[t]["loss"]])]
    want += [(6, "\\hat{y}_{%d} - y_{%d}" % (t, t), bwd[t]["dy"]), (6, "\\frac{\\partial L}{\\partial h_{%d}}" % t, bwd[t]["dh"]),
             (6, "\\delta_{%d}" % t, bwd[t]["dr"]),
             # The second term of dL/dh_t, W^T delta_{t+1}: what BPTT carried out of step t + 1.
             (6, "W^\\top \\delta_{%d}" % (t + 1), bwd[t + 1]["dh_next"] if t + 1 in bwd else [0] * 2)]
    want += [(8, "\\hat{y}_{%d}" % t, fwd1[t]["y"]), (8, "L_{%d}" % t, [fwd1[t]["loss"]])]
want.append((5, "L", [fwd[max(fwd)]["loss_sum"]]))
grad = bwd[1]["grad"]
for p in "UWbVc":
    want += [(7, "\\frac{\\partial L}{\\partial %s}" % p, flat(grad[p])), (7, "g_{%s}" % p, flat(upd["applied"][p])),
             (7, "%s_{new}" % p, flat(upd["after"][p]))]
rows = {}
for section, items in r.items():
    for name, value in items:
        rows.setdefault((section, name), value)
for section, name, w in want:
    if (section, name) not in rows:
        sys.exit("section %d: no result %s" % (section, name))
    close(rows[(section, name)], [float(x) for x in w], tol, "section %d %s" % (section, name))
# The two terms of dL/dh_t (rnn_dh_parts, as the equation pane shows them) add up to it.
for t in sorted(bwd):
    parts = [rows.get((6, n)) for n in ("V^\\top (\\hat{y}_{%d} - y_{%d})" % (t, t), "W^\\top \\delta_{%d}" % (t + 1))]
    if None in parts:
        sys.exit("section 6: step %d lacks a term of dL/dh_%d" % (t, t))
    close([a + b for a, b in zip(*parts)], [float(x) for x in bwd[t]["dh"]], 3 * tol, "dL/dh_%d from its terms" % t)
epochs = dict(r[9])
for k in (1, 2, 3):
    last = [x for x in recs if x["iteration"] == k and x["phase"] == "forward"][-1]
    close(epochs["epoch %d" % k], [last["loss_sum"]], tol, "epoch %d" % k)
'

# ---- the exercise: the same results, as numbered blanks and an answer key ----
"$bin" --worksheet "$tmp/exercise.md" --worksheet-exercise || fail "exercise worksheet failed"
check_py "exercise blanks and answer key" '
# x_t rows are the given inputs, not results.
full = [(s, n, v) for s, items in results("default.md").items() if s < 9 for n, v in items
        if not n.startswith("x_")]
text = open("exercise.md", encoding="utf-8").read()
body, key = text.split("## Answer key")
blanks = re.findall(r"&= \\text\{\((\d+)\)\}", body)
if [int(b) for b in blanks] != list(range(1, len(blanks) + 1)):
    sys.exit("blanks are not numbered 1..n in order")
answers = re.findall(r"\\text\{\((\d+)\)\}\\quad (.+?) = (.*)\$\$", key)
if len(answers) != len(full) or len(blanks) != len(full):
    sys.exit("%d blanks and %d answers for %d results" % (len(blanks), len(answers), len(full)))
for (n, name, value), (s, fname, fvalue) in zip(answers, full):
    value = value.split(" = ")[-1]
    if name.split(" = ")[0] != fname or numbers(value) != fvalue:
        sys.exit("answer (%s) %s = %s, the full version has %s = %s" % (n, name, value, fname, fvalue))
if re.search(r"0\.1432", body):
    sys.exit("the exercise body gives h_1 away")
'

# ---- pandoc (Debian's package) converts every document without a warning ----
if command -v pandoc >/dev/null; then
    "$bin" --worksheet "$tmp/chars.md" --text 'a_{}$ %&\`"^~#é' --hidden 3 2>&1 |
        grep -q "over the worksheet limit of 12" || fail "a 15-character vocabulary is not refused"
    "$bin" --worksheet "$tmp/chars.md" --text 'a_{}$ %&\`"é' --hidden 3 || fail "special characters worksheet failed"
    for doc in default exercise other chars; do
        pandoc --fail-if-warnings -f markdown -t html5 --mathml -s --metadata title=worksheet \
            "$tmp/$doc.md" -o "$tmp/$doc.html" 2>"$tmp/$doc.pandoc" ||
            fail "pandoc $doc.md: $(head -c 600 "$tmp/$doc.pandoc")"
    done
    [ "$(grep -c '<math' "$tmp/default.html")" -ge 50 ] || fail "pandoc found too little math in default.md"
else
    echo "pandoc is not installed: the conversion is not checked (scripts/deps.sh test installs it)" >&2
fi

# ---- the README's excerpt is what the default document says ----
awk '/^The first forward step of `rnnstep --worksheet hello.md`/ { f = 1; next }
     f && /^> / { print substr($0, 3); next }  f && /^>$/ { print ""; next }
     f && /^$/ && n++ > 0 { exit }' "$src/README.md" >"$tmp/excerpt.md"
check_py "the README excerpt is part of the default worksheet" '
excerpt = open("excerpt.md", encoding="utf-8").read().strip().replace("**5.1 Step 1**", "### 5.1 Step 1")
if len(excerpt) < 500 or excerpt not in open("default.md", encoding="utf-8").read():
    sys.exit("README.md: the worksheet excerpt differs from what --worksheet writes")
'

# ---- limits, --decimals, and the output file's safety ----
printf 'keep me\n' >"$tmp/keep.md"
expect_refusal() {
    local want=$1
    shift
    local msg
    msg=$("$bin" --worksheet "$tmp/keep.md" "$@" 2>&1)
    local rc=$?
    [ $rc -eq 2 ] || fail "$*: exit status $rc, expected 2"
    case $msg in *"$want"*) ;; *) fail "$*: message '$msg' lacks '$want'" ;; esac
    [ "$(cat "$tmp/keep.md")" = "keep me" ] || fail "$*: the existing file was changed"
}
expect_refusal "hidden size 9 is over the worksheet limit of 8" --hidden 9
expect_refusal "the text has 41 characters, over the worksheet limit of 40" --text "$(printf 'ab%.0s' {1..20})a"
expect_refusal "--decimals: '0' is not a whole number from 1 to 12" --decimals 0
expect_refusal "works on a whole text" --text hello --seq-length 2
expect_refusal "cannot be used with --batch" --batch
printf 'hello' >"$tmp/text.txt"
"$bin" --worksheet "$tmp/text.txt" --text-file "$tmp/text.txt" 2>"$tmp/same.err"
[ $? -eq 2 ] && grep -q "would overwrite the --text-file input" "$tmp/same.err" || fail "writing over --text-file not refused"
[ "$(cat "$tmp/text.txt")" = "hello" ] || fail "the text file was changed"
"$bin" --batch --epochs 0 --save "$tmp/p.json" >/dev/null
cp "$tmp/p.json" "$tmp/p.before"
"$bin" --worksheet "$tmp/p.json" --init "$tmp/p.json" 2>"$tmp/same.err"
[ $? -eq 2 ] && grep -q "would overwrite the --init input" "$tmp/same.err" || fail "writing over --init not refused"
cmp -s "$tmp/p.json" "$tmp/p.before" || fail "the --init file was changed"
"$bin" --worksheet "$tmp/eight.md" --decimals 8 || fail "--decimals 8 failed"
grep -q 'h_{1} &= \\begin{bmatrix} 0.14320001 \\end{bmatrix}\|h_{1} &= \\begin{bmatrix} 0.1432[0-9]\{4\} \\end{bmatrix}' "$tmp/eight.md" ||
    fail "--decimals 8: h_1 not written with 8 decimals"
"$bin" --worksheet-exercise 2>/dev/null
[ $? -eq 2 ] || fail "--worksheet-exercise without --worksheet accepted"
ls "$tmp" | grep -q '\.tmp\|rnnstep-' && fail "temporary files left: $(ls "$tmp")"

[ $failures -eq 0 ] || exit 1
echo "worksheet: all checks passed"
