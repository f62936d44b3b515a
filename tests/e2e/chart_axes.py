"""Reads a loss chart off a screen (stdin) and checks its axes: the corner
'└' in the y axis's column, every y label right-aligned against the axis at
a tick '┤' (the lowest at the corner), the y labels round numbers an equal
step apart, the x ticks '┬' each above a round epoch label, the labels a
1-2-5 step apart from 0, and each tick in the column that holds its epoch
(column c holds epochs [c E / C, (c + 1) E / C) for E epochs in C columns).
Usage: chart_axes.py EPOCHS [log]; exit 0 when it all holds."""
import math
import sys

epochs, log = int(sys.argv[1]), len(sys.argv) > 2 and sys.argv[2] == "log"
lines = sys.stdin.read().split("\n")


def fail(why):
    print("chart axes: " + why, file=sys.stderr)
    sys.exit(1)


def nice(x):  # a 1, 2 or 5 times a power of ten
    m = x / 10 ** math.floor(math.log10(x) + 1e-9)
    return any(abs(m - k) < 1e-6 for k in (1, 2, 5, 10))


axis_row = next((i for i, l in enumerate(lines) if "\u2514" in l), None)
if axis_row is None:
    fail("no corner")
axis = lines[axis_row]
ax = axis.index("\u2514")
cols = 0
while ax + 1 + cols < len(axis) and axis[ax + 1 + cols] in "\u2500\u252c":
    cols += 1
# y axis: the rows above the corner up to the title hold the axis glyph.
ylabels = [(axis_row, axis[:ax])]
r = axis_row - 1
while r >= 0 and len(lines[r]) > ax and lines[r][ax] in "\u2502\u2524":
    if lines[r][ax] == "\u2524":
        ylabels.append((r, lines[r][:ax]))
    elif lines[r][:ax].strip():
        fail("text left of the axis on a row without a tick: %r" % lines[r])
    r -= 1
if axis_row - r - 1 < 2:
    fail("fewer than 2 rows of bars")
values = []
for row, text in ylabels:
    if not text.strip() or not text.endswith(text.strip()) or text[-1] == " ":
        fail("y label %r not right-aligned against the axis" % text)
    values.append(float(text.strip()))
if log:
    for v in values:
        if not nice(v):
            fail("log label %g is not 1, 2 or 5 times a power of ten" % v)
else:
    if values[0] != 0:
        fail("the linear axis does not start at 0")
    steps = {round(b - a, 9) for a, b in zip(values, values[1:])}
    if len(steps) != 1 or not nice(steps.pop()):
        fail("y labels %s are not a round step apart" % values)
# x axis: the labels under the ticks.
ticks = [ax + 1 + c for c in range(cols) if axis[ax + 1 + c] == "\u252c"]
under = lines[axis_row + 1]
labels = []
for x in ticks:
    word = under[x:].split(" ")[0]
    if not word.isdigit():
        fail("no epoch label under the tick at column %d: %r" % (x, under))
    labels.append(int(word))
if len(labels) < 2 or labels[0] != 0:
    fail("x labels %s do not start at 0" % labels)
step = labels[1] - labels[0]
if not nice(step) or any(b - a != step for a, b in zip(labels, labels[1:])):
    fail("x labels %s are not a round step apart" % labels)
shown = min(epochs, cols) if cols < epochs else epochs
if cols != shown:
    fail("%d columns of axis for %d epochs" % (cols, epochs))
for x, e in zip(ticks, labels):
    c = math.ceil((e + 1) * cols / epochs) - 1
    if x != ax + 1 + c:
        fail("epoch %d's tick at column %d, its bar at column %d" % (e, x, ax + 1 + c))
