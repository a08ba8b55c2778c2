#!/usr/bin/env python3
# {{TITLE}}
#
# An RNN-lab run exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It trains the same recurrent net on the same data in PyTorch:
#   - the data: {{DATA_WHERE}}; the text's characters (Unicode code points, sorted) are the vocabulary
#     and its last 10 % is validation; a task's sequences are drawn exactly as the lab draws them, from
#     the engine's own random numbers (xoshiro256**), so every batch is the lab's batch;
#   - the net: an embedding (symbols) or the raw inputs, one nn.RNN / nn.LSTM / nn.GRU layer (batch
#     first) and a linear head at every step, starting from the run's own initial weights (embedded
#     below; Gradient Lab keeps the cell's weights as one [I + H + 2, G·H] tensor, W_ih, W_hh, b_ih,
#     b_hh, gates in torch's order);
#   - each step: B windows of T + 1 characters with the state zeroed (text), or a fresh batch (tasks);
#     the gradient clipped to the run's global norm; the lab's update rule (a torch.optim.Optimizer
#     below) with its schedule; live changes of lr replayed at their steps.
# The numbers differ from the lab's only by float rounding (other kernels, other summation orders), so
# the validation loss lands within a few per cent of the run's.
#
#   python3 this.py                 the evaluations as it goes, then the final numbers
#   python3 this.py --json          the same keys as `gradlab seq --format json` (summary.final.val_loss …)
#   python3 this.py --steps N       train N steps instead of the run's
#   python3 this.py --sample 300    text runs: also draw 300 characters from the final model
#   python3 this.py --device cuda   train on a GPU
# Data-parallel on several GPUs: wrap `model` in DistributedDataParallel and give each process its share
# of every step's B windows (torchrun --nproc_per_node=4 this.py --device cuda); the lab's recipe is one
# process, which is what this script runs.
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


# A task (as the lab's tasks.cpp): ids or values [B, T, ·], labels or targets [B, T], and which
# outputs are scored.
class Task:
    def __init__(self, spec):
        self.name, self.length, self.vocab = spec["task"], spec["length"], spec["vocab"]
        self.steps = 2 * self.length if self.name in ("copy", "reverse") else self.length
        self.in_vocab = {"copy": self.vocab + 2, "reverse": self.vocab + 2, "parity": 2}.get(self.name, 0)
        self.inputs = 2 if self.name == "adding" else 1
        self.outputs = {"copy": self.vocab, "reverse": self.vocab, "parity": 2}.get(self.name, 1)
        self.classification = self.name in ("copy", "reverse", "parity")

    def batch(self, B, rng):
        T, L = self.steps, self.length
        ids = [[0] * T for _ in range(B)] if self.in_vocab else None
        x = None if self.in_vocab else [[[0.0] * self.inputs for _ in range(T)] for _ in range(B)]
        labels = [[0] * T for _ in range(B)]
        targets = [[0.0] * T for _ in range(B)]
        scored = [[False] * T for _ in range(B)]
        for b in range(B):
            if self.name in ("copy", "reverse"):
                for t in range(L):
                    ids[b][t] = rng.next_u64() % self.vocab
                ids[b][L] = self.vocab
                for t in range(L + 1, T):
                    ids[b][t] = self.vocab + 1
                for k in range(L):
                    labels[b][L + k] = ids[b][k if self.name == "copy" else L - 1 - k]
                    scored[b][L + k] = True
            elif self.name == "parity":
                acc = 0
                for t in range(T):
                    bit = rng.next_u64() & 1
                    ids[b][t] = bit
                    acc ^= bit
                    labels[b][t] = acc
                    scored[b][t] = True
            elif self.name == "adding":
                half = T // 2
                m1 = rng.next_u64() % (half if half > 0 else 1)
                m2 = half + rng.next_u64() % (T - half)
                total = 0.0
                for t in range(T):
                    v = float32(rng.uniform())
                    marked = t == m1 or t == m2
                    x[b][t] = [v, 1.0 if marked else 0.0]
                    if marked:
                        total += v
                targets[b][T - 1] = total
                scored[b][T - 1] = True
            else:  # sine: the next value of sin(0.2·w·t + φ) + noise
                w, phi = 0.5 + 1.5 * rng.uniform(), 2 * math.pi * rng.uniform()

                def value(t):
                    return math.sin(w * 0.2 * t + phi) + 0.02 * rng.normal()

                prev = value(0)
                for t in range(T):
                    nxt = value(t + 1)
                    x[b][t] = [prev]
                    targets[b][t] = nxt
                    scored[b][t] = True
                    prev = nxt
        return {
            "ids": torch.tensor(ids, dtype=torch.int64) if ids is not None else None,
            "x": torch.tensor(x, dtype=torch.float32) if x is not None else None,
            "labels": torch.tensor(labels, dtype=torch.int64),
            "targets": torch.tensor(targets, dtype=torch.float32),
            "scored": torch.tensor(scored, dtype=torch.bool),
        }


# ---------------------------------------------------------------------------------------------------
class SeqNet(nn.Module):
    """(embedding | raw inputs) → one recurrent layer → a linear head at every step."""

    CELLS = {"rnn": (nn.RNN, 1), "lstm": (nn.LSTM, 4), "gru": (nn.GRU, 3)}

    def __init__(self, cell, vocab, embed, inputs, hidden, outputs):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed) if vocab > 0 else None
        kind, self.gates = self.CELLS[cell]
        self.cell_name = cell
        self.input_width = embed if vocab > 0 else inputs
        self.rnn = kind(self.input_width, hidden, batch_first=True)
        self.head = nn.Linear(hidden, outputs)

    def forward(self, ids, x, state=None):
        inp = self.embedding(ids) if self.embedding is not None else x
        h, state = self.rnn(inp, state)
        return self.head(h), state


@torch.no_grad()
def load_initial_weights(model):
    """Our names: embedding, <cell>.weights [I + H + 2, G·H], head.weight [H, out], head.bias."""
    I, H = model.input_width, model.rnn.hidden_size
    for name, shape, value in read_weights(base64.b64decode("".join(WEIGHTS))):
        if name == "embedding":
            model.embedding.weight.copy_(value)
        elif name == "head.weight":
            model.head.weight.copy_(value.t())
        elif name == "head.bias":
            model.head.bias.copy_(value)
        elif name == model.cell_name + ".weights":
            if shape != [I + H + 2, model.gates * H]:
                sys.exit(f"weights {name}: shape {shape} does not fit the {model.cell_name} of this run")
            model.rnn.weight_ih_l0.copy_(value[:I].t())
            model.rnn.weight_hh_l0.copy_(value[I: I + H].t())
            model.rnn.bias_ih_l0.copy_(value[I + H])
            model.rnn.bias_hh_l0.copy_(value[I + H + 1])
        else:
            sys.exit(f"weights {name}: not a part of this net")


def skip_initialisation(rng, plan):
    """The lab draws its initial weights from the run's generator before any batch: draw as many
    (normals for the embedding, uniforms for the rest) so the batches below are the lab's."""
    for _ in range(plan["embedding_values"]):
        rng.normal()
    for _ in range(plan["uniform_values"]):
        rng.next_u64()


def task_loss(model, task, b):
    out, _ = model(b["ids"], b["x"])
    scored = b["scored"]
    if task.classification:
        ce = nn.functional.cross_entropy(out.reshape(-1, task.outputs), b["labels"].reshape(-1), reduction="none")
        return (ce * scored.reshape(-1)).sum() / scored.sum(), out
    err = (out.squeeze(-1) - b["targets"]) * scored
    return (err * err).sum() / scored.sum(), out


@torch.no_grad()
def evaluate(model, data, held, T, device):
    """Text: nats and bits per character over the validation part, in consecutive windows of T with the
    state carried. Tasks: the held-out loss and the accuracy (or, for the sine, the mean squared error)."""
    if isinstance(data, Corpus):
        v = data.ids[data.n_train:].to(device)
        state, nats, count = None, 0.0, 0
        for k in range(0, len(v) - 1, T):
            n = min(T, len(v) - 1 - k)
            logits, state = model(v[k: k + n].unsqueeze(0), None, state)
            nats += float(nn.functional.cross_entropy(logits[0], v[k + 1: k + 1 + n], reduction="sum"))
            count += n
        mean = nats / count
        return mean, mean / math.log(2)
    loss, out = task_loss(model, data, held)
    scored = held["scored"]
    if data.classification:
        right = ((out.argmax(-1) == held["labels"]) & scored).sum()
        return float(loss), int(right) / int(scored.sum())
    err = (out.squeeze(-1) - held["targets"])[scored]
    return float(loss), float((err * err).mean()) if data.name == "sine" else int((err.abs() < 0.04).sum()) / err.numel()


def sample(model, corpus, n, temperature, top_k, device):
    """n characters from the final model after a newline (or the text's first character)."""
    cur = corpus.vocab.index("\n") if "\n" in corpus.vocab else int(corpus.ids[0])
    state, out = None, []
    with torch.no_grad():
        for _ in range(n):
            logits, state = model(torch.tensor([[cur]], device=device), None, state)
            z = logits[0, -1] / temperature
            if 0 < top_k < len(corpus.vocab):
                z[z < torch.topk(z, top_k).values[-1]] = -math.inf
            cur = int(torch.multinomial(torch.softmax(z, -1), 1))
            out.append(corpus.vocab[cur])
    return "".join(out)


def to(batch, device):
    return {k: (v.to(device) if v is not None else None) for k, v in batch.items()}


def train(steps=None, device="cpu"):
    plan = RUN["plan"]
    rng = Rng(RUN["seed"])
    skip_initialisation(rng, plan)
    text = RUN["text"]
    data = Corpus(text) if text is not None else Task(RUN["task"])
    held = None
    if text is None:
        held = to(data.batch(1000, Rng(RUN["seed"] ^ 0xA5A5A5A5DEADBEEF)), device)
    model = SeqNet(plan["cell"], plan["vocab"], plan["embed"], plan["inputs"], plan["hidden"], plan["outputs"])
    load_initial_weights(model)
    model.to(device)
    opt = OPTIMIZERS[RUN["optimizer"]["type"]](list(model.parameters()), RUN["optimizer"]["hypers"])
    schedule = RUN["optimizer"]["schedule"]
    changes = sorted(RUN["changes"], key=lambda c: c["step"])
    B, T, clip = RUN["batch_size"], plan["seq_len"], RUN["clip"]
    total = int(steps if steps is not None else RUN["steps"])
    every = max(1, RUN["eval_every"])
    metric = "val_bpc" if text is not None else ("val_mse" if data.name == "sine" else "acc")
    curves = {"step": [], "train_loss": []}
    evals = {"step": [], "val_loss": [], metric: []}
    status, done, last = "done", 0, math.nan

    def record():
        loss, m = evaluate(model, data, held, T, device)
        evals["step"].append(done)
        evals["val_loss"].append(loss)
        evals[metric].append(m)

    record()
    while done < total:
        while changes and changes[0]["step"] <= done:
            c = changes.pop(0)
            if c["field"].startswith("optimizer."):
                opt.param_groups[0][c["field"][len("optimizer."):]] = c["new"]
        if text is not None:
            inputs, targets = data.windows(B, T, rng)
            logits, _ = model(inputs.to(device), None)
            loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1).to(device))
        else:
            loss, _ = task_loss(model, data, to(data.batch(B, rng), device))
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
    final = {"train_loss": last, "val_loss": evals["val_loss"][-1], metric: evals[metric][-1]}
    return status, done, final, curves, evals, model, data


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the summary, the curves and the evaluations as JSON")
    ap.add_argument("--steps", type=int, help="steps to train (default: the run's)")
    ap.add_argument("--sample", type=int, default=0, help="text runs: characters to draw from the final model")
    ap.add_argument("--temperature", type=float, default=1.0, help="sampling temperature (default 1)")
    ap.add_argument("--top-k", type=int, default=0, help="sample among the k likeliest characters only (default: all)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    a = ap.parse_args()
    if a.steps is not None and a.steps < 1:
        ap.error(f"--steps: expected an integer ≥ 1, got {a.steps}")
    if a.temperature <= 0:
        ap.error(f"--temperature: expected a number > 0, got {a.temperature}")
    torch.manual_seed(RUN["seed"])
    status, steps, final, curves, evals, model, data = train(a.steps, a.device)
    text = RUN["text"] is not None
    drawn = sample(model, data, a.sample, a.temperature, a.top_k, a.device) if text and a.sample > 0 else None
    if a.json:
        out = {"config": RUN["config"], "cell": RUN["plan"]["cell"], "seq_len": RUN["plan"]["seq_len"],
               "summary": {"status": status, "steps": steps, "final": final}, "curves": curves, "evals": evals}
        if not text:
            out["task"] = data.name
        if drawn is not None:
            out["sample"] = drawn
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    metric = [k for k in evals if k not in ("step", "val_loss")][0]
    for i, s in enumerate(evals["step"]):
        print(f"step {s:>7}  val loss {evals['val_loss'][i]:.4f}  {metric} {evals[metric][i]:.4f}")
    print(f"{status}: {steps} steps; final val loss {final['val_loss']:.4f}, {metric} {final[metric]:.4f}")
    if drawn is not None:
        print("\nsample:\n" + drawn)


WEIGHTS = (
{{WEIGHTS_B64}}
)

if __name__ == "__main__":
    main()
