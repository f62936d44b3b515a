# A larger model in the visualiser: hidden size 64 on a text of 96 distinct
# characters (corpus mode, windows of 8). The matrix pane's selected entry
# (moved with Tab, S-Tab, arrows and counts) shows the value and gradient
# that `rnnstep --batch --trace` writes for that entry, the engine's own
# record of the same run; x shows exact numbers, d the gradient; the
# softmax pane lists the top characters with the target always among them.
source "$(dirname "$0")/lib.sh" "$@"
E2E_READY="iteration 0"
{
    printf 'It was the best of times, it was the worst of times. '
    for i in $(seq 33 126); do printf "\\$(printf %03o "$i")"; done
    printf ' The end.\n'
} > "$E2E_DIR/text.txt"
args=(--text-file "$E2E_DIR/text.txt" --hidden 64 --seq-length 8)
"$RNNSTEP" --batch "${args[@]}" --iterations 2 --trace "$E2E_DIR/trace.jsonl" > /dev/null ||
    e2e_fail "batch run with --trace failed"

# check.py SCREEN-CHECK ARGS: compares what the screen shows with the trace.
cat > "$E2E_DIR/check.py" <<'PY'
import json, re, sys
trace = [json.loads(line) for line in open(sys.argv[1])]
what, args, screen = sys.argv[2], sys.argv[3:], sys.stdin.read()
first = [r for r in trace if r["iteration"] == 0]
after = [r for r in first if r["phase"] == "update"][0]["after"]
grad = [r for r in first if r["phase"] == "backward" and r["t"] == 1][0]["grad"]
def close(shown, want):  # the pane prints 6 significant digits
    return abs(float(shown) - want) <= 5e-6 * max(abs(want), 1e-300) + 1e-300
if what == "entry":  # NAME PARAM ROW COL: "NAME value grad g" on screen
    name, param, r, c = args[0], args[1], int(args[2]), int(args[3])
    m = re.search(re.escape(name) + r"\s+(\S+)\s+grad\s+(\S+)", screen)
    sys.exit(0 if m and close(m.group(1), after[param][r][c])
             and close(m.group(2), grad[param][r][c]) else 1)
if what == "softmax":  # the target row and rank at iteration 1, t = 1
    r = [r for r in trace if r["iteration"] == 1 and r["phase"] == "forward"][0]
    y, target = r["y"], r["target"]
    vocab = list(dict.fromkeys(open(sys.argv[1].replace("trace.jsonl", "text.txt")).read()))
    rank = 1 + sum(p > y[target] for p in y)
    m = re.search(r"'%s'\s+\S*\s+(\d\.\d{4}) target" % re.escape(vocab[target]), screen)
    ok = m and abs(float(m.group(1)) - y[target]) <= 5e-5
    sys.exit(0 if ok and ("top 4 of 96, target #%d " % rank) in screen else 1)
PY
check() { python3 "$E2E_DIR/check.py" "$E2E_DIR/trace.jsonl" "$@"; }

e2e_start large_matrix -- "${args[@]}"
e2e_wait_text "Matrix U 64x96"
e2e_keys e
e2e_wait_text "update done"
e2e_keys Tab
e2e_wait_text "Matrix W 64x64"
e2e_type 2
e2e_keys Down
e2e_type 5
e2e_keys Right
e2e_poll "W[3,6] as in the trace" check entry "W[3,6]" W 2 5
e2e_keys BTab
e2e_wait_text "Matrix U 64x96"
e2e_type 3
e2e_keys Right # the 4th character of the text: 'w'
e2e_poll "U[3,w] as in the trace" check entry "U[3,w]" U 2 3
e2e_wait_row "^ h_[0-9]+\\[3\\]" # the unit row the other panes show followed
e2e_keys x
e2e_poll "exact numbers in the grid" grep -qE "^ .* +3 +-?[0-9]\.[0-9]{4} +-?[0-9]\.[0-9]{4}"
e2e_keys d
e2e_wait_text "Matrix dL/dU 64x96"
e2e_wait_text "|dU| "
e2e_keys n
e2e_wait_text "forward t=1/8"
e2e_poll "the target among the top characters" check softmax
e2e_keys q
[ "$(e2e_exit_status)" = 0 ] || e2e_fail "q did not exit with status 0"
echo "PASS large_matrix"
