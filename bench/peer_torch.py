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
import torch
import torch.nn.functional as F

from peer_common import load_init, parse_args, run_timed, windows

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


def train(ids, model, args, rows):
    params = [p for p in model.parameters() if p.requires_grad]
    mem = [torch.zeros_like(p) for p in params]
    hidden = model.rnn.hidden_size
    text = torch.tensor(ids, dtype=torch.long)
    for n, pos, reset in windows(len(ids), args):
        if reset:
            h = torch.zeros(1, hidden, dtype=torch.float64)
        inputs, targets = text[pos:pos + args.seq], text[pos + 1:pos + args.seq + 1]
        logits, h = model(inputs, h)
        loss = F.cross_entropy(logits, targets, reduction="sum")
        model.zero_grad(set_to_none=False)
        loss.backward()
        h = h.detach()
        rows.add(n, pos, loss.item())
        if args.clip > 0:
            torch.nn.utils.clip_grad_value_(params, args.clip)
        with torch.no_grad():
            for p, m in zip(params, mem):
                m.addcmul_(p.grad, p.grad)
                p.addcdiv_(p.grad, (m + EPS).sqrt_(), value=-args.lr)


def main():
    args = parse_args(__doc__, "--version", "print the torch version and exit")
    torch.set_num_threads(1)
    if args.version:
        print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, float64")
        return
    doc = load_init(args.init)
    model = CharRNN(doc)
    run_timed("peer_torch", lambda ids, rows: train(ids, model, args, rows), doc["vocab"], args)


if __name__ == "__main__":
    main()
