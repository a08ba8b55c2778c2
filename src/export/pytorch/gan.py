#!/usr/bin/env python3
# {{TITLE}}
#
# A GAN run exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It trains the same generator against the same discriminator in PyTorch:
#   - the real data ({{DATA_WHERE}});
#   - the generator: z ~ N(0, I) → hidden layers (ReLU) → a point of the plane (an image GAN's: each
#     hidden layer linear, batch norm, LeakyReLU 0.2, then the pixels through a sigmoid); the
#     discriminator: `pack` points side by side (PacGAN) → hidden layers (LeakyReLU 0.2) → one score;
#     both start from the run's own initial weights (embedded below; Gradient Lab stores a linear weight
#     as [in, out], torch as [out, in]);
#   - the loss (minimax, non-saturating, least squares, or WGAN-GP with its gradient penalty at points
#     between real and generated ones), k discriminator updates per generator update, the batch size,
#     both Adams (the lab's update rule written out as a torch.optim.Optimizer), the cosine schedule
#     and the live changes of g_lr, d_lr and d_steps at the steps they took effect;
#   - a 2-D GAN's scores as the lab's, of 1 000 generated points against 10 000 real ones (its real points),
#     every steps / 100: modes captured, the high-quality share, KL(real ‖ generated) and JS.
# The real batches and the noise come from torch's generator seeded with the run's seed, so a GAN, whose
# training amplifies every difference, ends near the lab's numbers, not on them: as near as two of the
# lab's own runs with different seeds (the same modes, the high-quality share within about 10 points, on
# a run that has converged). A live switch of which nets train (D only, G only) is not stored with the
# run, so it is not replayed; a config's `nets` is.
#
#   python3 this.py                 one line per evaluation, then the final scores
#   python3 this.py --json          the same keys as `gradlab gan --format json` (summary.final.modes …)
#   python3 this.py --steps N       train N steps instead of the run's (the cosine then spans N)
#   python3 this.py --device cuda   train on a GPU
# Data-parallel on several GPUs or machines: each process draws its share of every batch (its own real
# points and noise) and the gradients are averaged over the processes before each update, so a step is
# one step of the whole batch (the batch must split into whole packs per process):
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


# ---------------------------------------------------------------------------------------------------
# The 2-D distributions (native/core/gen/toy2d.cpp): the mixtures' centres and spread, and one point
# drawn the engine's way, for the real points the scores compare against.
def mixture(name):
    """(centres, std) of ring8 and grid25; None for the others."""
    if name == "ring8":
        return [(2 * math.cos(k * math.pi / 4), 2 * math.sin(k * math.pi / 4)) for k in range(8)], 0.02
    if name == "grid25":
        return [(2.0 * i, 2.0 * j) for i in range(-2, 3) for j in range(-2, 3)], 0.05
    return None


def engine_point(rng, name, mix, points):
    """One real point from the engine's generator `rng`, in the order toy2d.cpp draws it."""
    if mix is not None:
        centres, std = mix
        cx, cy = centres[rng.next_u64() % len(centres)]
        x = cx + std * rng.normal()
        return x, cy + std * rng.normal()
    if name == "moons":
        t = math.pi * rng.uniform()
        upper = rng.uniform() < 0.5
        x = math.cos(t) - 0.5 if upper else 0.5 - math.cos(t)
        y = math.sin(t) - 0.25 if upper else 0.25 - math.sin(t)
        x += 0.05 * rng.normal()
        return x, y + 0.05 * rng.normal()
    if name == "spiral":
        t = 3 * math.pi * rng.uniform()
        r = 2 * t / (3 * math.pi)
        x = r * math.cos(t) + 0.03 * rng.normal()
        return x, r * math.sin(t) + 0.03 * rng.normal()
    if name == "line":
        u = rng.uniform()
        x = -2 + 4 * u + 0.02 * rng.normal()
        return x, -1 + 2 * u + 0.02 * rng.normal()
    k = rng.next_u64() % len(points)  # points: uniformly, with replacement
    return points[k][0], points[k][1]


def reference_points(name, mix, points, n=10000):
    """The lab's own n real points for the scores: its generator seeded with seed ^ 0x9E3779B97F4A7C15."""
    rng = Rng(RUN["seed"] ^ 0x9E3779B97F4A7C15)
    xy = [engine_point(rng, name, mix, points) for _ in range(n)]
    return torch.tensor(xy, dtype=torch.float64).to(torch.float32).to(torch.float64)


class RealSource:
    """Real batches drawn with torch's generator: the distribution's points, the given points, or images."""

    def __init__(self, device, gen):
        d = RUN["data"]
        self.kind, self.name, self.device, self.gen = d["source"], d["name"], device, gen
        self.mix = mixture(self.name) if self.kind == "toy" else None
        self.rows = None
        if self.kind != "toy":
            x, _ = load_data()
            self.rows = x.reshape(len(x), -1)
        if self.mix is not None:
            self.centres = torch.tensor(self.mix[0], dtype=torch.float64, device=device)
        self.rows_on_device = self.rows.to(device) if self.rows is not None else None

    def normal(self, n, sd):
        return sd * torch.randn(n, dtype=torch.float64, generator=self.gen, device=self.device)

    def uniform(self, n):
        return torch.rand(n, dtype=torch.float64, generator=self.gen, device=self.device)

    def __call__(self, n):
        if self.rows is not None:
            return self.rows_on_device[torch.randint(len(self.rows), (n,), generator=self.gen, device=self.device)]
        if self.mix is not None:
            k = torch.randint(len(self.mix[0]), (n,), generator=self.gen, device=self.device)
            c = self.centres[k]
            x, y = c[:, 0] + self.normal(n, self.mix[1]), c[:, 1] + self.normal(n, self.mix[1])
        elif self.name == "moons":
            t = math.pi * self.uniform(n)
            upper = self.uniform(n) < 0.5
            x = torch.where(upper, torch.cos(t) - 0.5, 0.5 - torch.cos(t)) + self.normal(n, 0.05)
            y = torch.where(upper, torch.sin(t) - 0.25, 0.25 - torch.sin(t)) + self.normal(n, 0.05)
        elif self.name == "spiral":
            t = 3 * math.pi * self.uniform(n)
            r = 2 * t / (3 * math.pi)
            x, y = r * torch.cos(t) + self.normal(n, 0.03), r * torch.sin(t) + self.normal(n, 0.03)
        elif self.name == "line":
            u = self.uniform(n)
            x, y = -2 + 4 * u + self.normal(n, 0.02), -1 + 2 * u + self.normal(n, 0.02)
        else:
            sys.exit(f"data: unknown distribution {self.name!r}")
        return torch.stack([x, y], dim=1).to(torch.float32)


# ---------------------------------------------------------------------------------------------------
# The scores (native/core/gen/gan_metrics.cpp): a generated point is high quality within 3·std of its
# nearest centre; a mode is captured when ≥ 1 % of all points are its high-quality ones. KL and JS:
# both point sets binned 100 × 100 over the real points' box (outside points in the nearest edge bin,
# NaN in the first), each histogram normalised and floored at 1e-10, in nats.
BINS = 100


class Scores:
    def __init__(self, reference, mix):
        self.mix = mix
        x0, x1 = float(reference[:, 0].min()), float(reference[:, 0].max())
        y0, y1 = float(reference[:, 1].min()), float(reference[:, 1].max())
        if x1 <= x0:
            x0, x1 = x0 - 0.5, x1 + 0.5
        if y1 <= y0:
            y0, y1 = y0 - 0.5, y1 + 0.5
        self.box = (x0, x1, y0, y1)
        self.p = self.histogram(reference)

    @staticmethod
    def bins(v, lo, hi):
        f = (v - lo) / (hi - lo) * BINS
        f = torch.where(torch.isnan(f), torch.zeros_like(f), f.clamp(0.0, BINS - 1.0))
        return f.to(torch.int64)

    def histogram(self, pts):
        x0, x1, y0, y1 = self.box
        cells = self.bins(pts[:, 0], x0, x1) * BINS + self.bins(pts[:, 1], y0, y1)
        h = torch.bincount(cells, minlength=BINS * BINS).to(torch.float64) / max(len(pts), 1)
        return h.clamp_min(1e-10)

    def __call__(self, fake):
        """fake: [n, 2] float64 (float32 values) → modes, high_quality, per_mode, kl, js."""
        out = {"modes": None, "high_quality": None, "per_mode": []}
        n = max(len(fake), 1)
        if self.mix is not None:
            centres = torch.tensor(self.mix[0], dtype=torch.float64)
            d2 = ((fake[:, None, :] - centres[None, :, :]) ** 2).sum(dim=2)
            best, at = d2.min(dim=1)
            good = best <= 9 * self.mix[1] * self.mix[1]
            per_mode = (torch.bincount(at[good], minlength=len(centres)).to(torch.float64) / n).tolist()
            out.update(modes=sum(1 for s in per_mode if s >= 0.01), high_quality=int(good.sum()) / n, per_mode=per_mode)
        q = self.histogram(fake)
        m = (self.p + q) / 2
        kl = lambda a, b: float((a * torch.log(a / b)).sum())  # noqa: E731
        out.update(kl=kl(self.p, q), js=(kl(self.p, m) + kl(q, m)) / 2)
        return out


# ---------------------------------------------------------------------------------------------------
# The two nets, as native/core/gen/gan_run.hpp builds them.
class LabBatchNorm1d(nn.BatchNorm1d):
    """The engine's batch norm of a batch of one row: β (torch refuses to normalise it)."""

    def forward(self, x):
        if self.training and x.shape[0] == 1:
            return self.bias.expand_as(x) + 0 * x * self.weight
        return super().forward(x)


def mlp(widths, hidden_activation):
    """widths[0] → … → widths[-1]: linear layers, the activation after every one but the last."""
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(hidden_activation())
    return nn.Sequential(*layers)


def image_generator(z_dim, hidden, pixels):
    layers, width = [], z_dim
    for h in hidden:
        layers += [nn.Linear(width, h), LabBatchNorm1d(h, eps=1e-5, momentum=0.1), nn.LeakyReLU(0.2)]
        width = h
    return nn.Sequential(*layers, nn.Linear(width, pixels), nn.Sigmoid())


@torch.no_grad()
def load_initial_weights(nets):
    """Our names: generator.layers.<i>.<kind>, discriminator.layers.<i>.<kind>. In an MLP i counts the
    linear layers (torch's index 2i); in the image generator's layer stack it is torch's index."""
    for name, shape, value in read_weights(base64.b64decode("".join(WEIGHTS))):
        net_name, _, index, kind = name.split(".")
        net, stacked = nets[net_name]
        module = net[int(index) if stacked else 2 * int(index)]
        target = getattr(module, kind)
        value = value.t() if value.dim() == 2 else value  # [in, out] → [out, in]
        if list(value.shape) != list(target.shape):
            sys.exit(f"weights {name}: shape {shape} does not fit {list(target.shape)}")
        target.copy_(value)


def build_nets(device="cpu"):
    """The generator and the discriminator with the run's initial weights."""
    dim, images = RUN["data"]["dim"], RUN["data"]["source"] == "images"
    g_net = image_generator(RUN["z_dim"], RUN["g_hidden"], dim) if images else mlp([RUN["z_dim"], *RUN["g_hidden"], dim], nn.ReLU)
    d_net = mlp([dim * RUN["pack"], *RUN["d_hidden"], 1], lambda: nn.LeakyReLU(0.2))
    load_initial_weights({"generator": (g_net, images), "discriminator": (d_net, False)})
    return g_net.to(device), d_net.to(device)


class CurveMeans:
    """The losses as `gradlab gan` returns them: means over buckets of steps, at most 2 000 buckets."""

    def __init__(self, steps, points=2000):
        self.steps, self.bucket = steps, (steps + points - 1) // points
        self.sums, self.n = [0.0, 0.0], 0
        self.curves = {"step": [], "d_loss": [], "g_loss": []}

    def add(self, step, d, g):
        self.sums = [self.sums[0] + d, self.sums[1] + g]
        self.n += 1
        if self.n == self.bucket or step == self.steps:
            self.curves["step"].append(step)
            self.curves["d_loss"].append(self.sums[0] / self.n)
            self.curves["g_loss"].append(self.sums[1] / self.n)
            self.sums, self.n = [0.0, 0.0], 0


def train(steps=None, device="cpu", verbose=True):
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    if world > 1:
        import torch.distributed as dist
        dist.init_process_group("nccl" if device.startswith("cuda") else "gloo")
        if device.startswith("cuda"):
            device = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    data, pack, loss_kind = RUN["data"], RUN["pack"], RUN["loss"]
    if RUN["batch_size"] % (pack * world) != 0:
        sys.exit(f"batch_size {RUN['batch_size']}: expected whole packs of {pack} for each of {world} processes")
    share = RUN["batch_size"] // world  # this process's points of every batch
    torch.manual_seed(RUN["seed"])
    gen = torch.Generator(device=device).manual_seed(RUN["seed"] + 7919 * rank)
    real = RealSource(device, gen)
    dim, z_dim, images = data["dim"], RUN["z_dim"], data["source"] == "images"
    g_net, d_net = build_nets(device)
    adam = OPTIMIZERS[RUN["optimizer"]["type"]]
    g_opt = adam(list(g_net.parameters()), RUN["optimizer"]["hypers"])
    d_opt = adam(list(d_net.parameters()), RUN["optimizer"]["hypers"])

    def averaged(params, loss):
        """The gradients and the loss averaged over the processes: the whole batch's."""
        value = float(loss)
        if world > 1:
            for p in params:
                dist.all_reduce(p.grad)
                p.grad /= world
            t = torch.tensor([value], dtype=torch.float64, device=device)
            dist.all_reduce(t)
            value = float(t) / world
        return value

    def noise(n):
        return torch.randn(n, z_dim, generator=gen, device=device)

    def packed(x):  # [B, dim] as [B/pack, dim·pack]: D judges `pack` points at once
        return x.reshape(x.shape[0] // pack, dim * pack)

    def generator_loss(score):
        if loss_kind == "minimax":  # ln(1 − σ(D))
            return -nn.functional.binary_cross_entropy_with_logits(score, torch.zeros_like(score))
        if loss_kind == "non-saturating":  # −ln σ(D)
            return nn.functional.binary_cross_entropy_with_logits(score, torch.ones_like(score))
        if loss_kind == "least-squares":
            return 0.5 * ((score - 1) ** 2).mean()
        return -score.mean()  # wgan-gp

    def d_step(lr):
        x = real(share)
        with torch.no_grad():
            fake = g_net(noise(share))
        on_real, on_fake = d_net(packed(x)), d_net(packed(fake))
        if loss_kind == "wgan-gp":
            e = torch.rand(share, 1, generator=gen, device=device)
            mixed = (e * x + (1 - e) * fake).requires_grad_(True)
            (grad,) = torch.autograd.grad(d_net(packed(mixed)).sum(), mixed, create_graph=True)
            norms = grad.reshape(on_real.shape[0], dim * pack).norm(dim=1)
            loss = on_fake.mean() - on_real.mean() + RUN["gp_lambda"] * ((norms - 1) ** 2).mean()
        elif loss_kind == "least-squares":
            loss = 0.5 * ((on_real - 1) ** 2).mean() + 0.5 * (on_fake ** 2).mean()
        else:
            bce = nn.functional.binary_cross_entropy_with_logits
            loss = bce(on_real, torch.ones_like(on_real)) + bce(on_fake, torch.zeros_like(on_fake))
        d_opt.zero_grad()
        loss.backward()
        value = averaged(d_net.parameters(), loss)
        d_opt.step(lr)
        return value

    def g_step(lr):
        d_net.requires_grad_(False)  # the gradient flows through D to G; D's own weights get none
        loss = generator_loss(d_net(packed(g_net(noise(share)))))
        g_opt.zero_grad()
        loss.backward()
        d_net.requires_grad_(True)
        value = averaged(g_net.parameters(), loss)
        g_opt.step(lr)
        return value

    # the scores: the lab's 10 000 real points, 1 000 generated ones from noise of their own
    mix = mixture(data["name"]) if data["source"] == "toy" else None
    points = real.rows.tolist() if real.rows is not None and not images else None
    scores = None if images else Scores(reference_points(data["name"], mix, points), mix)
    eval_gen = torch.Generator(device=device).manual_seed(RUN["seed"] + 1)

    @torch.no_grad()
    def generated(n):
        return g_net(torch.randn(n, z_dim, generator=eval_gen, device=device)).to(torch.float64).cpu()

    schedule_steps = int(steps if steps is not None else RUN["steps"])
    total = int(steps if steps is not None else RUN["steps"] if RUN["stopped_at"] is None else RUN["stopped_at"])
    eval_every = RUN["eval_every"] or max(1, schedule_steps // 100)
    changes = sorted(RUN["changes"], key=lambda c: c["step"])
    g_lr, d_lr, d_steps, nets = RUN["g_lr"], RUN["d_lr"], RUN["d_steps"], RUN["nets"]
    curves = CurveMeans(total)
    metrics = {k: [] for k in ("step", "modes", "high_quality", "kl", "js")}
    last = {"d_loss": NAN, "g_loss": NAN, "score": None, "fake": None}

    def evaluate(step):
        if rank != 0 or scores is None:
            return
        fake = generated(1000)
        s = scores(fake)
        for k in metrics:
            metrics[k].append(step if k == "step" else s[k])
        last.update(score=s, fake=fake)
        if verbose:
            quality = "" if s["modes"] is None else f"  {s['modes']} modes, {100 * s['high_quality']:.1f} % high quality"
            print(f"step {step:>7}{quality}  KL {s['kl']:.4f}  JS {s['js']:.4f}  D loss {last['d_loss']:.4f}  G loss {last['g_loss']:.4f}")

    evaluate(0)
    step, status = 0, "done"
    while step < total:
        while changes and changes[0]["step"] <= step:  # a change made after step s takes effect at s + 1
            c = changes.pop(0)
            if c["field"] == "g_lr":
                g_lr = float(c["new"])
            elif c["field"] == "d_lr":
                d_lr = float(c["new"])
            elif c["field"] == "d_steps":
                d_steps = int(c["new"])
            else:
                print(f"a live change of {c['field']} is not replayed", file=sys.stderr)
        step += 1
        f = 0.5 * (1 + math.cos(math.pi * (min(step, schedule_steps) - 1) / schedule_steps)) if RUN["cosine"] else 1.0
        d = g = NAN
        if nets != "g":
            for _ in range(d_steps):
                d = d_step(d_lr * f)
        if nets != "d":
            g = g_step(g_lr * f)
        curves.add(step, d, g)
        if nets != "g":
            last["d_loss"] = d
        if nets != "d":
            last["g_loss"] = g
        finite = (nets == "g" or math.isfinite(d)) and (nets == "d" or math.isfinite(g))
        if not finite:
            status = "diverged"
        if images and verbose and rank == 0 and (step % eval_every == 0 or step == total or not finite):
            print(f"step {step:>7}  D loss {d:.4f}  G loss {g:.4f}")
        if not finite or step == total or step % eval_every == 0:
            evaluate(step)
        if not finite:
            break
    if status == "done" and RUN["stopped_at"] is not None and steps is None:
        status = "stopped"
    return status, step, curves.curves, metrics, last, generated, rank


def finite_or_none(v):
    """JSON has no NaN: a value that is not finite is null, as in the lab's output."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, list):
        return [finite_or_none(x) for x in v]
    if isinstance(v, dict):
        return {k: finite_or_none(x) for k, x in v.items()}
    return v


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the samples, summary, curves and scores as JSON")
    ap.add_argument("--steps", type=int, help="steps to train (default: the run's)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    a = ap.parse_args()
    if a.steps is not None and a.steps < 1:
        ap.error(f"--steps: expected an integer ≥ 1, got {a.steps}")
    status, steps, curves, metrics, last, generated, rank = train(a.steps, a.device, verbose=not a.json)
    if rank != 0:
        return
    data = RUN["data"]
    s = last["score"] or {"modes": None, "high_quality": None, "per_mode": [], "kl": None, "js": None}
    final = {"d_loss": last["d_loss"], "g_loss": last["g_loss"], "modes": s["modes"], "high_quality": s["high_quality"], "kl": s["kl"], "js": s["js"]}
    mix = mixture(data["name"]) if data["source"] == "toy" else None
    if not a.json:
        if mix is not None and s["modes"] is not None:
            print(f"{status}: {steps} steps on {data['name']} ({RUN['loss']} loss); {s['modes']} of {len(mix[0])} modes captured,"
                  f" {100 * s['high_quality']:.1f} % high quality, KL {s['kl']:.4f}, JS {s['js']:.4f}")
        else:
            print(f"{status}: {steps} steps on {data['name']} ({RUN['loss']} loss); D loss {final['d_loss']:.4f}, G loss {final['g_loss']:.4f}")
        return
    out = {"config": RUN["config"], "data": data["name"], "loss": RUN["loss"]}
    if data["source"] == "images":
        c, h, w = data["shape"] if data["shape"] else (1, 1, data["dim"])
        pixels = generated(100).clamp(0, 1)
        out.update(samples=[[round(float(v) * 1000) / 1000 for v in row] for row in pixels],
                   image={"channels": c, "rows": h, "cols": w},
                   summary={"status": status, "steps": steps, "final": {"d_loss": final["d_loss"], "g_loss": final["g_loss"]}},
                   curves=curves)
    else:
        out.update(samples=last["fake"].tolist(),
                   summary={"status": status, "steps": steps, "final": final},
                   curves=curves, metrics=metrics, per_mode=s["per_mode"],
                   centres=[list(c) for c in mix[0]] if mix else [], std=mix[1] if mix else None)
    json.dump(finite_or_none(out), sys.stdout, indent=2)
    print()


WEIGHTS = (
{{WEIGHTS_B64}}
)

DATA = (
{{DATA_B64}}
)

if __name__ == "__main__":
    main()
