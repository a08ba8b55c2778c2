#!/usr/bin/env python3
# {{TITLE}}
#
# An attention-lab run exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It trains the same small decoder-only transformer on the same data in PyTorch:
#   - the data: {{DATA_WHERE}}; a task's sequences (a prompt, a separator, the answer) are drawn
#     exactly as the lab draws them, from the engine's own random numbers (xoshiro256**), so every
#     batch is the lab's batch; a text's characters are its vocabulary and its last 10 % validation;
#   - the net: token embedding + positions (sinusoidal, or learned), pre-norm blocks of causal
#     multi-head attention and a GELU (tanh form) feed-forward of width 4·D, a final layer norm and a
#     linear head, starting from the run's own initial weights (embedded below; Gradient Lab keeps a
#     linear weight as [in, out], Q, K and V side by side in one [D, 3·D] projection);
#   - the loss: the mean cross-entropy over the answer's tokens (a text: every next character); the
#     gradient clipped to the run's global norm; the lab's update rule (a torch.optim.Optimizer below)
#     with its warm-up and cosine schedule; live changes of lr replayed at their steps.
# Without dropout the numbers differ from the lab's only by float rounding, so the validation loss
# lands within a few per cent of the run's (dropout masks come from torch's generator instead).
#
#   python3 this.py                 the evaluations as it goes, then the final numbers
#   python3 this.py --json          the same keys as `gradlab attention --format json` (summary.final …)
#   python3 this.py --steps N       train N steps instead of the run's
#   python3 this.py --device cuda   train on a GPU
# Data-parallel on several GPUs: wrap `model` in DistributedDataParallel and give each process its
# share of every step's batch (torchrun --nproc_per_node=4 this.py --device cuda); the lab's recipe is
# one process, which is what this script runs.
# Needs Python 3.8+ and PyTorch (Debian: apt-get install python3-torch).

import argparse
import base64
import json
import math
import struct
import sys

import torch
from torch import nn

true, false, null = True, False, None  # so that the run below, written as JSON, reads as Python

RUN = {{RUN_JSON}}

{{COMMON}}


{{FILE:weights.py}}


{{FILE:sequences.py}}


# A task (as the lab's attn_tasks.cpp): the whole sequences, and which input positions are scored.
class Task:
    def __init__(self, spec):
        self.name, self.length, self.vocab = spec["task"], spec["length"], spec["vocab"]
        L = self.length
        self.tokens = {"addition": 3 * L + 3, "repeat": 2 * L}.get(self.name, 2 * L + 1)
        self.vocab_size = {"addition": 12, "repeat": self.vocab}.get(self.name, self.vocab + 1)
        self.answer = {"addition": L + 1, "repeat": L - 1}.get(self.name, L)
        self.first_scored = self.tokens - 1 - self.answer

    def batch(self, B, rng):
        L, rows = self.length, []
        for _ in range(B):
            if self.name in ("copy", "reverse", "sort"):
                s = [rng.next_u64() % self.vocab for _ in range(L)]
                answer = list(s) if self.name == "copy" else (s[::-1] if self.name == "reverse" else sorted(s))
                rows.append(s + [self.vocab] + answer)
            elif self.name == "addition":
                a = [rng.next_u64() % 10 for _ in range(L)]
                c = [rng.next_u64() % 10 for _ in range(L)]
                digits, carry = [], 0
                for k in range(L):  # least-significant digit first
                    total = a[L - 1 - k] + c[L - 1 - k] + carry
                    digits.append(total % 10)
                    carry = total // 10
                rows.append(a + [10] + c + [11] + digits + [carry])
            else:  # repeat
                s = [rng.next_u64() % self.vocab for _ in range(L)]
                rows.append(s + s)
        seq = torch.tensor(rows, dtype=torch.int64)
        scored = torch.zeros(B, self.tokens - 1, dtype=torch.bool)
        scored[:, self.first_scored:] = True
        return seq[:, :-1], seq[:, 1:], scored


# ---------------------------------------------------------------------------------------------------
class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.out = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.ff1, self.ff2 = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)

    def forward(self, x, dropout):
        B, T, D = x.shape
        d = D // self.heads
        q, k, v = self.qkv(self.ln1(x)).split(D, dim=-1)  # head h: columns h·d … (h+1)·d − 1 of each
        q, k, v = (t.reshape(B, T, self.heads, d).transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d)
        causal = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
        att = torch.softmax(scores.masked_fill(causal, -math.inf), dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(B, T, D)
        x = x + nn.functional.dropout(self.out(ctx), dropout, self.training)
        f = self.ff2(nn.functional.gelu(self.ff1(self.ln2(x)), approximate="tanh"))
        return x + nn.functional.dropout(f, dropout, self.training)


class Transformer(nn.Module):
    def __init__(self, vocab, max_len, dim, heads, layers, learned, dropout):
        super().__init__()
        self.embedding = nn.Parameter(torch.zeros(vocab, dim))
        self.learned = learned
        if learned:
            self.positions = nn.Parameter(torch.zeros(max_len, dim))
        else:  # PE[t, 2i] = sin(t / 10000^(2i/D)), PE[t, 2i+1] = cos(…)
            pe = torch.zeros(max_len, dim, dtype=torch.float64)
            for i in range(dim):
                f = 10000.0 ** (-(i - i % 2) / dim)
                t = torch.arange(max_len, dtype=torch.float64) * f
                pe[:, i] = torch.sin(t) if i % 2 == 0 else torch.cos(t)
            self.register_buffer("positions", pe.float())
        self.blocks = nn.ModuleList(Block(dim, heads) for _ in range(layers))
        self.ln_final = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab)
        self.dropout = dropout

    def forward(self, tokens):
        T = tokens.shape[1]
        x = self.embedding[tokens] + self.positions[:T]
        for b in self.blocks:
            x = b(x, self.dropout)
        return self.head(self.ln_final(x))


@torch.no_grad()
def load_initial_weights(model):
    """Our names: embedding.weight_table, positions.table, blocks.<l>.{ln1,ln2}.{gamma,beta},
    blocks.<l>.{qkv,out,ff1,ff2}.{weight,bias}, ln_final.{gamma,beta}, head.{weight,bias}."""
    for name, shape, value in read_weights(base64.b64decode("".join(WEIGHTS))):
        parts = name.split(".")
        if name == "embedding.weight_table":
            target = model.embedding
        elif name == "positions.table":
            target = model.positions
        else:
            module = model.blocks[int(parts[1])] if parts[0] == "blocks" else model
            module = getattr(module, parts[-2])
            kind = {"gamma": "weight", "beta": "bias"}.get(parts[-1], parts[-1])
            target = getattr(module, kind)
            if kind == "weight" and value.dim() == 2:
                value = value.t()  # [in, out] → [out, in]
        if list(value.shape) != list(target.shape):
            sys.exit(f"weights {name}: shape {shape} does not fit {list(target.shape)}")
        target.copy_(value)


def skip_initialisation(rng, entries):
    """The lab seeds its dropout from the run's generator, then draws its initial weights (uniform for
    the linear layers, normal for the tables, in the order of the weights file) before any batch: draw
    as many so the batches below are the lab's."""
    rng.next_u64()
    for name, count in entries:
        if name.endswith(".weight") or name.endswith(".bias"):
            for _ in range(count):
                rng.next_u64()
        elif name in ("embedding.weight_table", "positions.table"):
            for _ in range(count):
                rng.normal()


def answer_loss(logits, targets, scored):
    ce = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none")
    return (ce * scored.reshape(-1)).sum() / scored.sum()


@torch.no_grad()
def evaluate(model, data, held, T, device):
    """Text: nats over the validation part in consecutive windows of T. Tasks: the held-out loss, the
    share of sequences whose whole answer is right, of answer tokens right, and per answer position."""
    model.eval()
    try:
        if isinstance(data, Corpus):
            v = data.ids[data.n_train:].to(device)
            nats, count = 0.0, 0
            for k in range(0, len(v) - 1, T):
                n = min(T, len(v) - 1 - k)
                logits = model(v[k: k + n].unsqueeze(0))
                nats += float(nn.functional.cross_entropy(logits[0], v[k + 1: k + 1 + n], reduction="sum"))
                count += n
            return {"val_loss": nats / count}
        inputs, targets, scored = held
        loss, right = 0.0, []
        for b in range(0, len(inputs), 250):
            logits = model(inputs[b: b + 250])
            loss += float(answer_loss(logits, targets[b: b + 250], scored[b: b + 250])) * len(logits)
            right.append((logits.argmax(-1) == targets[b: b + 250])[:, data.first_scored:])
        right = torch.cat(right)
        n = len(inputs)
        return {"val_loss": loss / n, "seq_acc": int(right.all(1).sum()) / n,
                "token_acc": int(right.sum()) / right.numel(), "acc_by_position": [int(k) / n for k in right.sum(0)]}
    finally:
        model.train()


def train(steps=None, device="cpu"):
    rng = Rng(RUN["seed"])
    skip_initialisation(rng, RUN["entries"])
    shape, text = RUN["shape"], RUN["text"]
    data = Corpus(text) if text is not None else Task(RUN["task"])
    held = None
    if text is None:
        held = tuple(t.to(device) for t in data.batch(1000, Rng(RUN["seed"] ^ 0xC0FFEE1234567)))
    T = shape["max_len"]
    model = Transformer(shape["vocab"], T, shape["dim"], shape["heads"], shape["layers"], shape["learned"], shape["dropout"])
    load_initial_weights(model)
    model.to(device)
    opt = OPTIMIZERS[RUN["optimizer"]["type"]](list(model.parameters()), RUN["optimizer"]["hypers"])
    schedule = RUN["optimizer"]["schedule"]
    changes = sorted(RUN["changes"], key=lambda c: c["step"])
    B, clip = RUN["batch_size"], RUN["clip"]
    total = int(steps if steps is not None else RUN["steps"])
    every = max(1, RUN["eval_every"])
    curves = {"step": [], "train_loss": []}
    evals = {"step": []}
    status, done, last, score = "done", 0, math.nan, None

    def record():
        nonlocal score
        score = evaluate(model, data, held, T, device)
        evals["step"].append(done)
        for k, v in score.items():
            if k != "acc_by_position":
                evals.setdefault(k, []).append(v)
        if text is not None:
            evals.setdefault("val_bpc", []).append(score["val_loss"] / math.log(2))

    record()
    while done < total:
        while changes and changes[0]["step"] <= done:
            c = changes.pop(0)
            if c["field"].startswith("optimizer."):
                opt.param_groups[0][c["field"][len("optimizer."):]] = c["new"]
        if text is not None:
            inputs, targets = data.windows(B, T, rng)
            scored = torch.ones_like(inputs, dtype=torch.bool)
        else:
            inputs, targets, scored = data.batch(B, rng)
        loss = answer_loss(model(inputs.to(device)), targets.to(device), scored.to(device))
        last = float(loss)
        if not math.isfinite(last):  # the engine takes no step on a loss that is not finite
            status = "diverged"
            break
        opt.zero_grad()
        loss.backward()
        if clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        done += 1
        opt.step(opt.param_groups[0]["lr"] * schedule_factor(schedule, done))
        curves["step"].append(done)
        curves["train_loss"].append(last)
        if done % every == 0 or done == total:
            record()
    final = {"train_loss": last, **{k: v for k, v in score.items() if k != "acc_by_position"}}
    if text is not None:
        final["val_bpc"] = score["val_loss"] / math.log(2)
    return status, done, final, score.get("acc_by_position"), curves, evals


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the summary, the curves and the evaluations as JSON")
    ap.add_argument("--steps", type=int, help="steps to train (default: the run's)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    a = ap.parse_args()
    if a.steps is not None and a.steps < 1:
        ap.error(f"--steps: expected an integer ≥ 1, got {a.steps}")
    torch.manual_seed(RUN["seed"])
    status, steps, final, by_position, curves, evals = train(a.steps, a.device)
    if a.json:
        out = {"config": RUN["config"], "seq_len": RUN["shape"]["max_len"],
               "summary": {"status": status, "steps": steps, "final": final}, "curves": curves, "evals": evals}
        if by_position is not None:
            out.update({"task": RUN["task"]["task"], "length": RUN["task"]["length"], "acc_by_position": by_position})
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    for i, s in enumerate(evals["step"]):
        print(f"step {s:>7}  " + "  ".join(f"{k} {v[i]:.4f}" for k, v in evals.items() if k != "step"))
    print(f"{status}: {steps} steps; final " + ", ".join(f"{k} {v:.4f}" for k, v in final.items()))


WEIGHTS = (
{{WEIGHTS_B64}}
)

if __name__ == "__main__":
    main()
