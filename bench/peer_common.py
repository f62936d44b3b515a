"""What the corpus benchmark's two peers (peer_numpy.py, peer_torch.py) share:
their command line, the rnnstep parameter file, rnnstep's corpus semantics
(windows of SEQ inputs; h reset at the start and when p + SEQ + 1 >= len,
carried otherwise), the smoothed loss and CSV rows rnnstep prints, and the
timing of the training loop in CPU time."""
import argparse
import json
import math
import sys
import time


def parse_args(doc, flag, flag_help):
    """The peers' options; `flag` is each peer's own --flag that prints its
    library version and exits (then the others are not required)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--text")
    ap.add_argument("--init")
    ap.add_argument("--iterations", type=int)
    ap.add_argument("--seq", type=int, default=25)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument(flag, action="store_true", help=flag_help)
    args = ap.parse_args()
    if not getattr(args, flag.lstrip("-")) and not (
            args.text and args.init and args.iterations is not None):
        ap.error("--text, --init and --iterations are required")
    return args


def load_init(path):
    """The rnnstep parameter file as a dict: vocab, U, W, b, V, c (lists)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def windows(n_ids, args):
    """(iteration, position, reset) for each iteration: reset says the hidden
    state starts from zero (the first window and each new pass)."""
    pos = 0
    for n in range(args.iterations):
        reset = n == 0 or pos + args.seq + 1 >= n_ids
        if reset:
            pos = 0
        yield n, pos, reset
        pos += args.seq


class LossRows:
    """rnnstep's smooth_loss (0.999 smooth + 0.001 loss from -ln(1/vocab) SEQ)
    and its CSV rows, every `every` iterations."""

    def __init__(self, out, vocab_size, args):
        self.out, self.every = out, args.every
        self.smooth = -math.log(1.0 / vocab_size) * args.seq

    def add(self, n, pos, loss):
        self.smooth = 0.999 * self.smooth + 0.001 * loss
        if n % self.every == 0:
            self.out.write(f"{n},{pos},{loss!r},{self.smooth!r}\n")


def run_timed(name, train_fn, vocab, args):
    """Reads the text as vocabulary indices, prints the CSV header, runs
    train_fn(ids, rows) and reports its CPU time on stderr."""
    index = {ch: i for i, ch in enumerate(vocab)}
    with open(args.text, encoding="utf-8") as f:
        ids = [index[ch] for ch in f.read()]
    out = sys.stdout
    out.write("iteration,position,loss,smooth_loss\n")
    rows = LossRows(out, len(vocab), args)
    t0 = time.process_time()
    train_fn(ids, rows)
    dt = time.process_time() - t0
    print(f"{name}: {args.iterations} iterations in {dt:.3f} s CPU, "
          f"{args.iterations / dt:.1f} it/s", file=sys.stderr)
