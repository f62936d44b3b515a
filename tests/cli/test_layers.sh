# The visualiser has no circles: no two of its source files call each other,
# directly or round a loop (read from the symbols of the built objects), and
# no header includes itself round a loop. A file may only call down, so each
# can be read, and changed, with the ones below it in mind.
set -euo pipefail
RNNSTEP=${1:?usage: test_layers.sh RNNSTEP SOURCE_DIR}
SOURCE_DIR=${2:?usage: test_layers.sh RNNSTEP SOURCE_DIR}
objects=$(dirname "$RNNSTEP")/CMakeFiles/rnnstep_tui.dir/src/tui
[ -d "$objects" ] || { echo "SKIP: no objects in $objects"; exit 77; }
command -v nm >/dev/null || { echo "SKIP: nm is not installed"; exit 77; }
python3 - "$objects" "$SOURCE_DIR" <<'PY'
import os, re, subprocess, sys
objdir, src = sys.argv[1], sys.argv[2]

def cycles(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    for v in list(graph):
        if v not in index: visit(v)
    return out

objs = []
for root, _, files in os.walk(objdir):
    objs += [os.path.join(root, f) for f in files if f.endswith(".o")]
defined, used = {}, {}
for o in objs:
    name = os.path.relpath(o, objdir)[:-2]  # panes/matrix.c
    syms = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
    for line in syms.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDRB":
            defined[parts[2]] = name
        elif len(parts) == 2 and parts[0] == "U":
            used.setdefault(name, set()).add(parts[1])
calls = {f: {defined[s] for s in syms if s in defined and defined[s] != f} for f, syms in used.items()}
bad = 0
for c in cycles(calls):
    print("FAIL: these files call each other round a loop: " + ", ".join(c), file=sys.stderr)
    bad = 1

tui = os.path.join(src, "src", "tui")
includes = {}
for root, _, files in os.walk(tui):
    for f in files:
        if f.endswith(".h") or f.endswith(".c"):
            path = os.path.join(root, f)
            deps = set()
            for inc in re.findall(r'^#include "([^"]+)"', open(path).read(), re.M):
                for base in (tui, os.path.join(src, "src")):
                    if os.path.exists(os.path.join(base, inc)):
                        deps.add(os.path.relpath(os.path.join(base, inc), tui)); break
            includes[os.path.relpath(path, tui)] = deps
for c in cycles(includes):
    print("FAIL: these headers include each other round a loop: " + ", ".join(c), file=sys.stderr)
    bad = 1
if not bad:
    print("layers: %d visualiser objects call no file round a loop; %d files include none round a loop"
          % (len(objs), len(includes)))
sys.exit(bad)
PY
