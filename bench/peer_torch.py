#!/usr/bin/python3
"""The corpus benchmark's PyTorch peer: what a PyTorch user would write for
rnnstep's model, in float64 on one thread: nn.RNN (tanh) over one-hot inputs,
a Linear output layer, summed cross-entropy, the hidden state carried between
windows and detached, element-wise clipping (clip_grad_value_) and Adagrad.
Same corpus semantics and CSV rows as peer_numpy.py, from the same rnnstep
parameter file, so the three can be compared line by line.

Two choices keep it exactly rnnstep's model: nn.RNN has two bias vectors, so
b_hh is zero and frozen and b_ih is rnnstep's b; and torch.optim.Adagrad adds
eps outside the square root (lr g / (sqrt(mem) + eps)) where rnnstep adds it
inside (lr g / sqrt(mem + eps)), which parts the runs within a few iterations,
so the update is rnnstep's formula written with in-place torch operations
(what torch.optim.Adagrad does per parameter, with the other eps).

Usage: peer_torch.py --text F --init PARAMS.json --iterations N
                     [--seq 25] [--lr 0.1] [--clip 5] [--every 1] [--version]
Prints the training loop's CPU time and iterations/s on stderr.
"""
import argparse
import json
import sys

import torch
import torch.nn.functional as F

from peer_numpy import run_timed

EPS = 1e-8  # rnnstep's RNN_ADAGRAD_EPS


class CharRNN(torch.nn.Module):
    def __init__(self, doc):
        super().__init__()
        vocab, hidden = len(doc["vocab"]), len(doc["b"])
        self.vocab = vocab
        self.rnn = torch.nn.RNN(vocab, hidden, nonlinearity="tanh", dtype=torch.float64)
        self.out = torch.nn.Linear(hidden, vocab, dtype=torch.float64)
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(torch.tensor(doc["U"], dtype=torch.float64))
            self.rnn.weight_hh_l0.copy_(torch.tensor(doc["W"], dtype=torch.float64))
            self.rnn.bias_ih_l0.copy_(torch.tensor(doc["b"], dtype=torch.float64))
            self.rnn.bias_hh_l0.zero_()
            self.out.weight.copy_(torch.tensor(doc["V"], dtype=torch.float64))
            self.out.bias.copy_(torch.tensor(doc["c"], dtype=torch.float64))
        self.rnn.bias_hh_l0.requires_grad_(False)

    def forward(self, inputs, h):
        x = F.one_hot(inputs, self.vocab).to(torch.float64)
        hs, h = self.rnn(x, h)
        return self.out(hs), h


def train(ids, model, args, out):
    params = [p for p in model.parameters() if p.requires_grad]
    mem = [torch.zeros_like(p) for p in params]
    hidden = model.rnn.hidden_size
    smooth = -torch.log(torch.tensor(1.0 / model.vocab, dtype=torch.float64)).item() * args.seq
    text = torch.tensor(ids, dtype=torch.long)
    pos, h = 0, torch.zeros(1, hidden, dtype=torch.float64)
    for n in range(args.iterations):
        if n == 0 or pos + args.seq + 1 >= len(ids):
            pos, h = 0, torch.zeros(1, hidden, dtype=torch.float64)
        inputs, targets = text[pos:pos + args.seq], text[pos + 1:pos + args.seq + 1]
        logits, h = model(inputs, h)
        loss = F.cross_entropy(logits, targets, reduction="sum")
        model.zero_grad(set_to_none=False)
        loss.backward()
        h = h.detach()
        value = loss.item()
        smooth = 0.999 * smooth + 0.001 * value
        if n % args.every == 0:
            out.write(f"{n},{pos},{value!r},{smooth!r}\n")
        if args.clip > 0:
            torch.nn.utils.clip_grad_value_(params, args.clip)
        with torch.no_grad():
            for p, m in zip(params, mem):
                m.addcmul_(p.grad, p.grad)
                p.addcdiv_(p.grad, (m + EPS).sqrt_(), value=-args.lr)
        pos += args.seq


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--text")
    ap.add_argument("--init")
    ap.add_argument("--iterations", type=int)
    ap.add_argument("--seq", type=int, default=25)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--version", action="store_true", help="print the torch version and exit")
    args = ap.parse_args()
    torch.set_num_threads(1)
    if args.version:
        print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, float64")
        return
    if not (args.text and args.init and args.iterations is not None):
        ap.error("--text, --init and --iterations are required")
    with open(args.init, encoding="utf-8") as f:
        doc = json.load(f)
    model = CharRNN(doc)
    run_timed("peer_torch", lambda ids, out: train(ids, model, args, out), doc["vocab"], args)


if __name__ == "__main__":
    main()
