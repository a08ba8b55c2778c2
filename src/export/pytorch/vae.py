#!/usr/bin/env python3
# {{TITLE}}
#
# A VAE run exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It trains the same variational autoencoder on the same images in PyTorch:
#   - the image set the run used ({{DATA_WHERE}}), pixels / 255, split into training and test images
#     as in the lab;
#   - the encoder (ReLU layers, then the μ and log σ² heads) and the decoder (ReLU layers, then the
#     output: Bernoulli logits or Gaussian means), starting from the run's own initial weights
#     (embedded below; Gradient Lab stores a linear weight as [in, out], torch as [out, in]);
#   - the loss (reconstruction + β·KL per example), the optimizer (the lab's update rule written out
#     as a torch.optim.Optimizer), its schedule, batch size, epochs and the live changes of β and lr.
# The mini-batches and the ε samples come from torch's generator seeded with the run's seed, so the
# numbers are close to the lab's, not equal: the final test loss lands within a few per cent of it.
#
#   python3 this.py                 one line per epoch, then the final numbers
#   python3 this.py --json          the same keys as `gradlab vae --format json` (summary.final.test_loss …)
#   python3 this.py --epochs N      train N epochs instead of the run's
#   python3 this.py --device cuda   train on a GPU
# Data-parallel on several GPUs or machines: each process takes its share of every mini-batch and
# DistributedDataParallel averages the gradients:
#   torchrun --nproc_per_node=4 this.py --device cuda
# Needs Python 3.8+ and PyTorch (Debian: apt-get install python3-torch).

import argparse
import base64
import hashlib
import json
import math
import os
import struct
import sys

import torch
from torch import nn

true, false, null = True, False, None  # so that the run below, written as JSON, reads as Python

RUN = {{RUN_JSON}}

{{COMMON}}


{{LOADING}}


# ---------------------------------------------------------------------------------------------------
{{FILE:layer_stack.py}}


class Vae(nn.Module):
    """D → H₁ … H_k (ReLU) → μ, log σ² [Z];  z = μ + ε·exp(½ log σ²);  Z → H_k … H₁ (ReLU) → D.
    Either side may be the run's layer list instead (encoder: images [C,H,W] → flat features; decoder:
    z → the pixels, flat), built as the engine builds it (layer_stack.py)."""

    def __init__(self, pixels, hidden, latent, gaussian, image=None, encoder_layers=None, decoder_layers=None):
        super().__init__()
        self.image = image if encoder_layers else None
        if encoder_layers:
            self.encoder = build_model(encoder_layers, image, None, False)
            with torch.no_grad():
                width = self.encoder(torch.zeros([1] + list(image))).shape[1]
        else:
            enc, width = [], pixels
            for h in hidden:
                enc += [nn.Linear(width, h), nn.ReLU()]
                width = h
            self.encoder = nn.Sequential(*enc)
        self.mu = nn.Linear(width, latent)
        self.logvar = nn.Linear(width, latent)
        self.listed = {"encoder": bool(encoder_layers), "decoder": bool(decoder_layers)}
        if decoder_layers:
            self.decoder = build_model(decoder_layers, [latent], pixels, False)
            self.out = nn.Identity()
        else:
            dec, width = [], latent
            for h in reversed(hidden):
                dec += [nn.Linear(width, h), nn.ReLU()]
                width = h
            self.decoder = nn.Sequential(*dec)
            self.out = nn.Linear(width, pixels)
        self.gaussian = gaussian

    def forward(self, x, eps):
        """Reconstruction and KL, each summed over the batch (in nats)."""
        h = self.encoder(x.reshape([len(x)] + list(self.image)) if self.image else x)
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + eps * torch.exp(0.5 * logvar)
        out = self.out(self.decoder(z))
        if self.gaussian:
            recon = 0.5 * ((x - out) ** 2).sum() + 0.5 * x.numel() * math.log(2 * math.pi)
        else:
            recon = nn.functional.binary_cross_entropy_with_logits(out, x, reduction="sum")
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return recon, kl


@torch.no_grad()
def load_initial_weights(model):
    """Our names: encoder.<i>, encoder.mu, encoder.logvar, decoder.<i>, decoder.out; <i> counts the
    hidden layers of an MLP side (each a Linear and a ReLU), the layers of a listed side."""
    for name, shape, value in read_weights(base64.b64decode("".join(WEIGHTS))):
        part, layer, kind = name.split(".")
        if layer == "mu" or layer == "logvar" or layer == "out":
            module = getattr(model, layer)
        else:
            module = getattr(model, part)[int(layer) if model.listed[part] else 2 * int(layer)]
        target = getattr(module, kind)
        if isinstance(module, nn.Linear) and kind == "weight":
            value = value.t()  # [in, out] → [out, in]
        if list(value.shape) != list(target.shape):
            sys.exit(f"weights {name}: shape {shape} does not fit {list(target.shape)}")
        target.copy_(value)


@torch.no_grad()
def score(model, x, eps):
    """Negative ELBO per example with β = 1, its reconstruction and KL parts."""
    recon, kl = 0.0, 0.0
    for b in range(0, len(x), 1000):
        r, k = model(x[b: b + 1000], eps[b: b + 1000])
        recon, kl = recon + float(r), kl + float(k)
    n = len(x)
    return (recon + kl) / n, recon / n, kl / n


def train(epochs=None, device="cpu"):
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    if world > 1:
        import torch.distributed as dist
        dist.init_process_group("nccl" if device.startswith("cuda") else "gloo")
        if device.startswith("cuda"):
            device = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    torch.manual_seed(RUN["seed"])
    x, _ = load_data()
    x = x.reshape(len(x), -1).to(device)
    n_train = RUN["data"]["n_train"]
    xtr, xte = x[:n_train], x[n_train:]
    if len(xte) == 0:
        xte = xtr  # no test set: scored on the training images, as the lab does
    model = Vae(x.shape[1], RUN["hidden"], RUN["latent"], RUN["decoder"] == "gaussian", RUN["image"], RUN["encoder_layers"], RUN["decoder_layers"])
    load_initial_weights(model)
    model.to(device)
    net = nn.parallel.DistributedDataParallel(model) if world > 1 else model
    opt = OPTIMIZERS[RUN["optimizer"]["type"]](list(model.parameters()), RUN["optimizer"]["hypers"])
    schedule = RUN["optimizer"]["schedule"]
    changes = sorted(RUN["changes"], key=lambda c: c["step"])
    beta, batch = RUN["beta"], RUN["batch_size"]
    max_epochs = int(epochs if epochs is not None else RUN["epochs"])
    order_gen = torch.Generator().manual_seed(RUN["seed"])
    test_eps = torch.randn(len(xte), RUN["latent"], generator=torch.Generator().manual_seed(RUN["seed"] + 1)).to(device)
    curves = {k: [] for k in ("epoch", "train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl")}
    step, status = 0, "done"
    for epoch in range(1, max_epochs + 1):
        order = torch.randperm(n_train, generator=order_gen).to(device)
        sums, seen = [0.0, 0.0], 0
        for start in range(0, n_train, batch):
            while changes and changes[0]["step"] <= step:
                c = changes.pop(0)
                if c["field"] == "beta":
                    beta = float(c["new"])
                else:
                    opt.param_groups[0][c["field"][len("optimizer."):]] = c["new"]
            idx = order[start: start + batch]
            mine = idx[rank::world] if world > 1 else idx
            # a short last batch may leave this process nothing: one image times zero keeps DDP in step
            rows = mine if len(mine) > 0 else idx[:1]
            recon, kl = net(xtr[rows], torch.randn(len(rows), RUN["latent"]).to(device))
            # each process's sum over the whole batch's size: DDP's average is the batch's mean times its share
            loss = (recon + beta * kl) / len(idx) * world * (1.0 if len(mine) > 0 else 0.0)
            bad = not math.isfinite(float(loss))
            if world > 1:  # every process stops together, or the others would wait in the all-reduce
                flag = torch.tensor([1.0 if bad else 0.0], device=device)
                dist.all_reduce(flag)
                bad = float(flag) > 0
            if bad:  # the engine counts no step for a batch whose loss is not finite
                status = "diverged"
                break
            lr = opt.param_groups[0]["lr"] * schedule_factor(schedule, step + 1)
            step += 1
            opt.zero_grad()
            loss.backward()
            opt.step(lr)
            if len(mine) > 0:
                sums[0] += float(recon)
                sums[1] += float(kl)
                seen += len(mine)
        if status == "diverged":
            break
        model.eval()  # batch norm from its running statistics, no dropout, as the engine scores
        test = score(model, xte, test_eps)
        model.train()
        if not math.isfinite(test[0]):
            status = "diverged"
        for k, v in zip(curves, (epoch, (sums[0] + sums[1]) / max(seen, 1), sums[0] / max(seen, 1), sums[1] / max(seen, 1), *test)):
            curves[k].append(v)
        if status == "diverged":
            break
    return status, step, curves, rank, n_train, len(xte)


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the summary and the per-epoch curves as JSON")
    ap.add_argument("--epochs", type=int, help="epochs to train (default: the run's)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    a = ap.parse_args()
    if a.epochs is not None and a.epochs < 1:
        ap.error(f"--epochs: expected an integer ≥ 1, got {a.epochs}")
    status, steps, curves, rank, n_train, n_test = train(a.epochs, a.device)
    if rank != 0:
        return
    final = {k: v[-1] for k, v in curves.items() if k != "epoch" and v}
    if a.json:
        summary = {"status": status, "epochs": len(curves["epoch"]), "steps": steps, "final": final}
        json.dump({"config": RUN["config"], "beta": RUN["beta"], "latent": RUN["latent"], "steps": steps,
                   "train_examples": n_train, "test_examples": n_test, "summary": summary, "epochs": curves},
                  sys.stdout, indent=2)
        print()
        return
    for i, e in enumerate(curves["epoch"]):
        print(f"epoch {e:>4}  train −ELBO {curves['train_loss'][i]:.3f}  test −ELBO {curves['test_loss'][i]:.3f}"
              f"  (reconstruction {curves['test_recon'][i]:.3f}, KL {curves['test_kl'][i]:.3f})")
    print(f"{status}: {len(curves['epoch'])} epochs, {steps} steps")


WEIGHTS = (
{{WEIGHTS_B64}}
)

DATA = (
{{DATA_B64}}
)

if __name__ == "__main__":
    main()
