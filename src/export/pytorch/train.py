#!/usr/bin/env python3
# {{TITLE}}
#
# A training run exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It trains the same model on the same data in PyTorch:
#   - the data set the run used ({{DATA_WHERE}}), split into training and test rows as in the lab;
#   - the model as a torch.nn.Sequential of the run's layers, starting from the run's own initial
#     weights (embedded below; Gradient Lab stores a linear layer's weight as [in, out], torch as
#     [out, in], so it is transposed on loading);
#   - the training images' random shifts and mirrors when the run augmented them;
#   - the loss, the L2/L1 penalties, the optimizer (the lab's update rule written out as a
#     torch.optim.Optimizer) and its learning-rate schedule, batch size and epochs;
#   - the live changes made while the run ran, at the steps they took effect; the stop rules.
# The mini-batches are drawn in another order than the lab's (torch's generator, seeded with the run's
# seed), and dropout masks and augmentation draws differ: the numbers are not the lab's to the last bit, but the final test
# accuracy lands within a couple of points of it (the test suite checks 2).
#
#   python3 this.py                 one line per epoch, then the final metrics
#   python3 this.py --json          the same keys as `gradlab train --format json` (summary.final.test_acc …)
#   python3 this.py --epochs N      train N epochs instead of the run's
#   python3 this.py --device cuda   train on a GPU
# Data-parallel on several GPUs or machines: each process takes its share of every mini-batch and
# DistributedDataParallel averages the gradients, so the steps are those of one process:
#   torchrun --nproc_per_node=4 this.py --device cuda
#   torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --nproc_per_node=4 this.py --device cuda
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


{{FILE:layer_stack.py}}


@torch.no_grad()
def load_initial_weights(model):
    weights = read_weights(base64.b64decode("".join(WEIGHTS)))
    params = [w for w in weights if not w[0].endswith(("running_mean", "running_var"))]
    buffers = [w for w in weights if w[0].endswith(("running_mean", "running_var"))]
    for m in model:
        targets = [m.weight, m.bias] if isinstance(m, (nn.Linear, nn.Conv2d, nn.BatchNorm1d, nn.BatchNorm2d)) else []
        for target in targets:
            name, shape, value = params.pop(0)
            if isinstance(m, nn.Linear) and name.endswith(".weight"):
                value = value.t()  # [in, out] → [out, in]
            if list(value.shape) != list(target.shape):
                sys.exit(f"weights {name}: shape {shape} does not fit {list(target.shape)}")
            target.copy_(value)
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            m.running_mean.copy_(buffers.pop(0)[2])
            m.running_var.copy_(buffers.pop(0)[2])


# ---------------------------------------------------------------------------------------------------
def batch_loss(out, y):
    loss = RUN["loss"]
    if loss == "cross_entropy":
        return nn.functional.cross_entropy(out, y)
    if loss == "bce":
        return nn.functional.binary_cross_entropy_with_logits(out.reshape(-1), y.to(out.dtype))
    return nn.functional.mse_loss(out.reshape(-1), y)


def correct(out, y):
    if RUN["loss"] == "cross_entropy":
        return int((out.argmax(dim=1) == y).sum())
    if RUN["loss"] == "bce":
        return int(((out.reshape(-1) > 0).to(torch.int64) == y).sum())
    return 0


@torch.no_grad()
def evaluate(model, x, y):
    """Mean loss and accuracy (classification) over the rows, in evaluation mode."""
    if len(x) == 0:
        return NAN, NAN
    model.eval()
    loss_sum, right = 0.0, 0
    for b in range(0, len(x), 1024):
        out = model(x[b: b + 1024])
        loss_sum += float(batch_loss(out, y[b: b + 1024])) * len(out)
        right += correct(out, y[b: b + 1024])
    model.train()
    classify = RUN["data"]["kind"] == "classification"
    return loss_sum / len(x), (right / len(x) if classify else NAN)


def augment(xb, shift, flip, gen):
    """Each training image shifted by dx, dy uniform in [−shift, shift] (the uncovered border 0) and, with
    flip, mirrored left to right with probability ½: as the lab does, with torch's random numbers."""
    n, _, h, w = xb.shape
    if flip:
        mirror = torch.rand(n, generator=gen) < 0.5
        xb = torch.where(mirror.to(xb.device).view(n, 1, 1, 1), xb.flip(3), xb)
    if shift == 0:
        return xb
    padded = nn.functional.pad(xb, (shift, shift, shift, shift))
    dx = torch.randint(-shift, shift + 1, (n,), generator=gen).tolist()
    dy = torch.randint(-shift, shift + 1, (n,), generator=gen).tolist()
    return torch.stack([padded[i, :, shift - dy[i]: shift - dy[i] + h, shift - dx[i]: shift - dx[i] + w] for i in range(n)])


def penalty(params):
    total = 0
    if RUN["l2"] > 0:
        total = total + RUN["l2"] * sum((p * p).sum() for p in params)
    if RUN["l1"] > 0:
        total = total + RUN["l1"] * sum(p.abs().sum() for p in params)
    return total


def train(epochs=None, device="cpu"):
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    if world > 1:
        import torch.distributed as dist
        dist.init_process_group("nccl" if device.startswith("cuda") else "gloo")
        if device.startswith("cuda"):
            device = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    torch.manual_seed(RUN["seed"])
    x, y = load_data()
    x, y = x.to(device), y.to(device)
    n_train = RUN["data"]["n_train"]
    xtr, ytr, xte, yte = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    model = build_model(RUN["layers"], RUN["data"]["image"] or [RUN["data"]["d"]], RUN["outputs"], RUN["flat_input"])
    load_initial_weights(model)
    model.to(device)
    params = list(model.parameters())
    net = model
    if world > 1:
        net = nn.parallel.DistributedDataParallel(model)
    opt = OPTIMIZERS[RUN["optimizer"]["type"]](params, RUN["optimizer"]["hypers"])
    schedule = RUN["optimizer"]["schedule"]
    changes = sorted(RUN["changes"], key=lambda c: c["step"])
    max_epochs = int(epochs if epochs is not None else RUN["epochs"])
    stop = RUN["stop"]
    order_gen = torch.Generator().manual_seed(RUN["seed"])
    aug = {"shift": 0, "flip": False, **(RUN["augment"] or {})}
    aug_gen = torch.Generator().manual_seed(RUN["seed"] + 1)
    history = {k: [] for k in ("epoch", "step", "train_loss", "test_loss", "train_acc", "test_acc")}

    def record(epoch, step):
        tl, ta = evaluate(model, xtr, ytr)
        vl, va = evaluate(model, xte, yte)
        for k, v in zip(history, (epoch, step, tl, vl, ta, va)):
            history[k].append(v)
        return tl, vl

    step, epoch, status = 0, 0, "running"
    best_test, since_best = INF, 0
    record(0, 0)
    while status == "running":
        epoch += 1
        order = torch.randperm(n_train, generator=order_gen).to(device)
        for start in range(0, n_train, RUN["batch_size"]):
            while changes and changes[0]["step"] <= step:
                c = changes.pop(0)
                if c["field"] == "epochs":
                    max_epochs = int(c["new"]) if epochs is None else max_epochs
                else:
                    opt.param_groups[0][c["field"][len("optimizer."):]] = c["new"]
            idx = order[start: start + RUN["batch_size"]]
            mine = idx[rank::world] if world > 1 else idx
            if len(mine) > 0:
                xb = xtr[mine]
                if aug["shift"] > 0 or aug["flip"]:
                    xb = augment(xb, aug["shift"], aug["flip"], aug_gen)
                # each process's mean is scaled by its share, so DDP's average is the whole batch's mean
                part = batch_loss(net(xb), ytr[mine]) * (len(mine) * world / len(idx))
            else:  # a short last batch left this process nothing: a zero through the model keeps DDP in step
                part = batch_loss(net(xtr[idx[:1]]), ytr[idx[:1]]) * 0.0
            loss = part + penalty(params)
            lr = opt.param_groups[0]["lr"] * schedule_factor(schedule, step + 1)
            step += 1
            bad = not math.isfinite(float(loss))
            if world > 1:  # every process stops together, or the others would wait in the all-reduce
                flag = torch.tensor([1.0 if bad else 0.0], device=device)
                dist.all_reduce(flag)
                bad = float(flag) > 0
            if bad:
                status = "diverged"
                break
            opt.zero_grad()
            loss.backward()
            opt.step(lr)
        if status == "diverged":
            break
        tl, vl = record(epoch, step)
        if not math.isfinite(tl):
            status = "diverged"
        elif "target_loss" in stop and tl <= stop["target_loss"]:
            status = "reached_target"
        elif stop.get("patience", 0) > 0 and len(xte) > 0:
            if vl < best_test - stop.get("min_delta", 0):
                best_test, since_best = vl, 0
            else:
                since_best += 1
                if since_best >= stop["patience"]:
                    status = "early_stopped"
        if status == "running" and epoch >= max_epochs:
            status = "completed"
    return status, epoch, step, history, rank


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the summary and the per-epoch curves as JSON")
    ap.add_argument("--epochs", type=int, help="epochs to train (default: the run's)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    a = ap.parse_args()
    if a.epochs is not None and a.epochs < 1:
        ap.error(f"--epochs: expected an integer ≥ 1, got {a.epochs}")
    if RUN["notes"]:
        print("\n".join(RUN["notes"]), file=sys.stderr)
    status, epochs, steps, history, rank = train(a.epochs, a.device)
    if rank != 0:
        return
    last = {k: v[-1] for k, v in history.items()}
    final = {k: (v if math.isfinite(v) else None) for k, v in last.items() if k not in ("epoch", "step")}
    if a.json:
        summary = {"status": status, "epochs": epochs, "steps": steps, "batch_size": RUN["batch_size"],
                   "loss": RUN["loss"], "optimizer": RUN["optimizer"], "final": final}
        curves = {k: [(v if isinstance(v, int) or math.isfinite(v) else None) for v in vs] for k, vs in history.items()}
        json.dump({"config": RUN["config"], "summary": summary, "epochs": curves}, sys.stdout, indent=2)
        print()
        return
    for i, e in enumerate(history["epoch"]):
        print(f"epoch {e:>4}  train loss {history['train_loss'][i]:.5f}  test loss {history['test_loss'][i]:.5f}"
              f"  train acc {history['train_acc'][i]:.4f}  test acc {history['test_acc'][i]:.4f}")
    print(f"{status}: {epochs} epochs, {steps} steps")


WEIGHTS = (
{{WEIGHTS_B64}}
)

DATA = (
{{DATA_B64}}
)

if __name__ == "__main__":
    main()
