#!/usr/bin/python3
"""The corpus benchmark's peer: a straightforward NumPy char-RNN in the style of
the well-known minimal min-char-rnn, with exactly rnnstep's model and corpus
semantics: windows of SEQ inputs, h and p reset at the start and when
p + SEQ + 1 >= len, hidden state carried between windows, element-wise clipping,
Adagrad (mem += g^2; p -= lr g / sqrt(mem + 1e-8)), smooth_loss. It starts from
an rnnstep parameter file and prints rnnstep's CSV rows, so the two can be
compared line by line. The one-hot input is a column lookup, as in rnnstep.

Usage: peer_numpy.py --text F --init PARAMS.json --iterations N
                     [--seq 25] [--lr 0.1] [--clip 5] [--every 1] [--blas]
Prints the training loop's CPU time and iterations/s on stderr.
"""
import numpy as np

from peer_common import load_init, parse_args, run_timed, windows


def loaded_blas():
    """The BLAS/LAPACK shared objects this process mapped (NumPy's real backend)."""
    libs = set()
    with open("/proc/self/maps", encoding="ascii", errors="replace") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path.lower() or "lapack" in path.lower():
                libs.add(path)
    return sorted(libs)


def load_params(path):
    doc = load_init(path)
    p = {k: np.array(doc[k], dtype=np.float64) for k in ("U", "W", "b", "V", "c")}
    return doc["vocab"], p


def window_loss_and_grads(p, inputs, targets, hprev):
    """Forward and BPTT over one window; returns loss, gradients, last h."""
    U, W, b, V, c = p["U"], p["W"], p["b"], p["V"], p["c"]
    T = len(inputs)
    hs, ps = [hprev], []
    loss = 0.0
    for t in range(T):
        h = np.tanh(U[:, inputs[t]] + W @ hs[-1] + b)
        o = V @ h + c
        e = np.exp(o - o.max())
        s = e.sum()
        ps.append(e / s)
        loss += np.log(s) - (o[targets[t]] - o.max())
        hs.append(h)
    g = {k: np.zeros_like(v) for k, v in p.items()}
    dh_next = np.zeros_like(hprev)
    for t in reversed(range(T)):
        dy = ps[t].copy()
        dy[targets[t]] -= 1.0
        g["V"] += np.outer(dy, hs[t + 1])
        g["c"] += dy
        dh = V.T @ dy + dh_next
        dr = (1.0 - hs[t + 1] * hs[t + 1]) * dh
        g["b"] += dr
        g["U"][:, inputs[t]] += dr
        g["W"] += np.outer(dr, hs[t])
        dh_next = W.T @ dr
    return loss, g, hs[-1]


def train(ids, p, args, rows):
    mem = {k: np.zeros_like(v) for k, v in p.items()}
    hidden = p["W"].shape[0]
    for n, pos, reset in windows(len(ids), args):
        if reset:
            h = np.zeros(hidden)
        inputs, targets = ids[pos:pos + args.seq], ids[pos + 1:pos + args.seq + 1]
        loss, g, h = window_loss_and_grads(p, inputs, targets, h)
        rows.add(n, pos, loss)
        for k, param in p.items():
            if args.clip > 0:
                np.clip(g[k], -args.clip, args.clip, out=g[k])
            mem[k] += g[k] * g[k]
            param -= args.lr * g[k] / np.sqrt(mem[k] + 1e-8)


def main():
    args = parse_args(__doc__, "--blas", "print the loaded BLAS and exit")
    if args.blas:
        print(f"numpy {np.__version__}; loaded: {', '.join(loaded_blas()) or 'no BLAS library'}")
        return
    vocab, p = load_params(args.init)
    run_timed("peer_numpy", lambda ids, rows: train(ids, p, args, rows), vocab, args)


if __name__ == "__main__":
    main()
