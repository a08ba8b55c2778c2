#!/usr/bin/env python3
"""bench/torch_mlp.py — the PyTorch side of the training benchmark (bench/mlp_train.cpp).

The same four training loops as ours, on one thread (torch.set_num_threads(1)), written the way a
PyTorch user writes them:
  spiral_b64  2-64-64-3 tanh MLP, 3-class spiral (16000 training rows), Adam lr 0.01, batch 64
  spiral_b1   the same at batch 1
  mnist_b64   784-256-128-10 ReLU MLP, random 28x28 inputs (4096 rows, 10 classes), SGD lr 0.01
              momentum 0.9, batch 64
  cnn_b50     conv 1→8 3×3 pad 1, ReLU, max-pool 2, conv 8→16 3×3 pad 1, ReLU, max-pool 2, linear
              784→10, random 1×28×28 inputs (4096 rows), Adam lr 0.002, batch 50
  f_vae       784-256-(20, 20)-256-784 VAE, ReLU, BCE with logits (sum) + KL, Bernoulli(0.5) inputs
              (4096 rows), Adam lr 1e-3, batch 64, ε drawn each step
  g_gan       G 2-64-64-2 ReLU, D 2-64-64-1 LeakyReLU(0.2); one D update (BCE with logits, fakes
              detached) then one G update, ring8 batches of 64, z ~ N(0, I₂), Adam 1e-3 betas (0.5, 0.999)
  d_lstm      nn.LSTM(1, 64, batch_first) + Linear(64, 1) at every step, 32 sine sequences of 32 steps
              (one batch, made before the timing), next-value MSE, Adam lr 1e-3 (d_rnn: nn.RNN, tanh)
  e_attn      LayerNorm(x + out_proj(softmax(Q·Kᵀ/√64)·V)), Q, K, V linear with bias, d = 64, 32 × 32
              vectors N(0, 1), MSE to a fixed N(0, 1) target, Adam lr 1e-3
One step (the classifiers): take the next `batch` indices of a shuffled permutation (torch.randperm per epoch), index the
pre-made input and label tensors with them, forward, F.cross_entropy, opt.zero_grad(set_to_none=True),
loss.backward(), opt.step(). No loss.item(), no evaluation: torch's best case. The optimizer is tried with
foreach=False and foreach=True and the faster is reported.
Timing: a chunk of steps long enough to take >= 20 ms, one warm-up chunk, then the median of --reps
chunks; samples/s = batch * steps / median chunk time.

Prints one JSON object per line (scripts/bench_train.mjs reads them); the first says which BLAS library
the process has mapped (what LD_LIBRARY_PATH chose). Without torch it prints one line saying so.
  python3 bench/torch_mlp.py [--quick] [--reps N] [--cases spiral_b64,mnist_b64,cnn_b50] [--blas LABEL]
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 python3 bench/torch_mlp.py
"""
import argparse
import json
import math
import statistics
import time

NOT_INSTALLED = "PyTorch not installed: apt-get install python3-torch"
CASES = {
    # name: (data, widths, activation, optimizer, batch)
    "spiral_b64": ("spiral", [2, 64, 64, 3], "tanh", "adam", 64),
    "spiral_b1": ("spiral", [2, 64, 64, 3], "tanh", "adam", 1),
    "mnist_b64": ("random784", [784, 256, 128, 10], "relu", "momentum", 64),
    # conv 1→8 3×3 pad 1, relu, max-pool 2, conv 8→16 3×3 pad 1, relu, max-pool 2, linear 784→10
    "cnn_b50": ("random1x28x28", "cnn", "relu", "adam", 50),
    # the reference workloads of ../shared/REFERENCE_WORKLOADS.md: the same net, padding 1 or 0, SGD with momentum, batch 64
    "c_cnn_same": ("random1x28x28", "cnn", "relu", "momentum", 64),
    "c_cnn_valid": ("random1x28x28", "cnn_valid", "relu", "momentum", 64),
    "f_vae": ("bernoulli784", "vae", "relu", "adam", 64),
    "g_gan": ("ring8", "gan", "relu", "adam", 64),
    "d_lstm": ("sine", "lstm", "tanh", "adam", 32),
    "d_rnn": ("sine", "rnn", "tanh", "adam", 32),
    "e_attn": ("normal", "attn", "none", "adam", 32),
}
LR = {"cnn_b50": 0.002}  # else 0.01, as in bench/mlp_train.cpp
N_SPIRAL, N_RANDOM = 16000, 4096  # training rows, as in bench/mlp_train.cpp


def emit(obj):
    print(json.dumps(obj), flush=True)


def mapped_blas():
    """The BLAS shared objects this process has mapped (after a product has run)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return sorted(libs)
    except OSError:
        return []


def make_data(torch, kind, gen):
    if kind == "spiral":  # 3 arms, radius 0..1, a little noise
        n, k = N_SPIRAL, 3
        y = torch.arange(n) % k
        r = torch.rand(n, generator=gen)
        t = r * 4 + y.float() * (2 * math.pi / k) + 0.1 * torch.randn(n, generator=gen)
        x = torch.stack([r * torch.cos(t), r * torch.sin(t)], dim=1)
        return x.contiguous(), y
    x = torch.rand(N_RANDOM, 784, generator=gen)
    y = torch.randint(0, 10, (N_RANDOM,), generator=gen)
    if kind == "random1x28x28":
        x = x.reshape(N_RANDOM, 1, 28, 28).contiguous()
    return x, y


def make_model(torch, widths, act):
    nn = torch.nn
    if widths in ("cnn", "cnn_valid"):
        pad = 1 if widths == "cnn" else 0
        side = 7 if pad else 5  # 28 → 14 → 7, or 28 → 26 → 13 → 11 → 5
        return nn.Sequential(nn.Conv2d(1, 8, 3, padding=pad), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(8, 16, 3, padding=pad), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Linear(16 * side * side, 10))
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(torch.nn.Tanh() if act == "tanh" else torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def make_optimizer(torch, kind, params, foreach, lr):
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, foreach=foreach)
    return torch.optim.SGD(params, lr=lr, momentum=0.9, foreach=foreach)


def chunk_timer(chunk, reps, batch):
    steps = 1
    while chunk(steps) < 0.02:  # calibrate; doubles as warm-up
        steps *= 2
    chunk(steps)
    seconds = statistics.median(chunk(steps) for _ in range(reps))
    return {"samples_per_s": batch * steps / seconds, "us_per_step": seconds / steps * 1e6, "steps_per_chunk": steps}


def time_vae(torch, reps, foreach):
    nn, F = torch.nn, torch.nn.functional
    torch.manual_seed(1)
    x = (torch.rand(4096, 784) < 0.5).float()
    enc, mu_l, lv_l = nn.Linear(784, 256), nn.Linear(256, 20), nn.Linear(256, 20)
    dec, out_l = nn.Linear(20, 256), nn.Linear(256, 784)
    params = [p for m in (enc, mu_l, lv_l, dec, out_l) for p in m.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3, foreach=foreach)
    state = {"row": 0}

    def chunk(steps):
        start = time.perf_counter()
        for _ in range(steps):
            if state["row"] + 64 > 4096:
                state["row"] = 0
            xb = x[state["row"]:state["row"] + 64]
            state["row"] += 64
            h = F.relu(enc(xb))
            mu, lv = mu_l(h), lv_l(h)
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * lv)
            logits = out_l(F.relu(dec(z)))
            loss = F.binary_cross_entropy_with_logits(logits, xb, reduction="sum") - 0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return time.perf_counter() - start

    return chunk_timer(chunk, reps, 64)


def time_gan(torch, reps, foreach):
    nn, F = torch.nn, torch.nn.functional
    torch.manual_seed(1)
    G = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))
    D = nn.Sequential(nn.Linear(2, 64), nn.LeakyReLU(0.2), nn.Linear(64, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))
    og = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999), foreach=foreach)
    od = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999), foreach=foreach)
    angles = torch.arange(8) * math.pi / 4
    centres = torch.stack([2 * torch.cos(angles), 2 * torch.sin(angles)], dim=1)
    ones, zeros = torch.ones(64, 1), torch.zeros(64, 1)

    def chunk(steps):
        start = time.perf_counter()
        for _ in range(steps):
            real = centres[torch.randint(0, 8, (64,))] + 0.02 * torch.randn(64, 2)
            fake = G(torch.randn(64, 2)).detach()
            d_loss = F.binary_cross_entropy_with_logits(D(real), ones) + F.binary_cross_entropy_with_logits(D(fake), zeros)
            od.zero_grad(set_to_none=True)
            d_loss.backward()
            od.step()
            g_loss = F.binary_cross_entropy_with_logits(D(G(torch.randn(64, 2))), ones)
            og.zero_grad(set_to_none=True)
            g_loss.backward()
            og.step()
        return time.perf_counter() - start

    return chunk_timer(chunk, reps, 64)


def time_recurrent(torch, reps, foreach, cell):
    nn, F = torch.nn, torch.nn.functional
    torch.manual_seed(1)
    w = 0.5 + 1.5 * torch.rand(32, 1)
    phi = 2 * math.pi * torch.rand(32, 1)
    seq = torch.sin(w * 0.2 * torch.arange(33).float() + phi)
    x, y = seq[:, :32, None].contiguous(), seq[:, 1:, None].contiguous()
    rnn = (nn.LSTM if cell == "lstm" else nn.RNN)(1, 64, batch_first=True)
    head = nn.Linear(64, 1)
    opt = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-3, foreach=foreach)

    def chunk(steps):
        start = time.perf_counter()
        for _ in range(steps):
            out, _ = rnn(x)
            loss = F.mse_loss(head(out), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return time.perf_counter() - start

    return chunk_timer(chunk, reps, 32)


def time_attention(torch, reps, foreach):
    nn, F = torch.nn, torch.nn.functional
    torch.manual_seed(1)
    x, target = torch.randn(32, 32, 64), torch.randn(32, 32, 64)
    q, k, v, o = (nn.Linear(64, 64) for _ in range(4))
    ln = nn.LayerNorm(64)
    params = [p for m in (q, k, v, o, ln) for p in m.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3, foreach=foreach)

    def chunk(steps):
        start = time.perf_counter()
        for _ in range(steps):
            att = torch.softmax(q(x) @ k(x).transpose(1, 2) / 8.0, dim=-1)
            y = ln(x + o(att @ v(x)))
            loss = F.mse_loss(y, target)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return time.perf_counter() - start

    return chunk_timer(chunk, reps, 32)


def time_case(torch, name, reps, foreach):
    if name in ("d_lstm", "d_rnn"):
        return time_recurrent(torch, reps, foreach, "lstm" if name == "d_lstm" else "rnn")
    if name == "e_attn":
        return time_attention(torch, reps, foreach)
    if name == "f_vae":
        return time_vae(torch, reps, foreach)
    if name == "g_gan":
        return time_gan(torch, reps, foreach)
    data, widths, act, opt_kind, batch = CASES[name]
    gen = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    x, y = make_data(torch, data, gen)
    n = x.shape[0]
    model = make_model(torch, widths, act)
    opt = make_optimizer(torch, opt_kind, model.parameters(), foreach, LR.get(name, 0.01))
    cross_entropy = torch.nn.functional.cross_entropy
    state = {"perm": torch.randperm(n, generator=gen), "pos": 0}

    def chunk(steps):
        perm, pos = state["perm"], state["pos"]
        start = time.perf_counter()
        for _ in range(steps):
            if pos + batch > n:  # a new epoch
                perm, pos = torch.randperm(n, generator=gen), 0
            idx = perm[pos:pos + batch]
            pos += batch
            out = model(x[idx])
            loss = cross_entropy(out, y[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        elapsed = time.perf_counter() - start
        state["perm"], state["pos"] = perm, pos
        return elapsed

    return chunk_timer(chunk, reps, batch)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5 chunks per case instead of 15")
    ap.add_argument("--reps", type=int, default=None)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--blas", default="default", help="a label for the BLAS this run was started with")
    args = ap.parse_args()
    reps = args.reps or (5 if args.quick else 15)
    try:
        import torch
    except ImportError:
        emit({"bench": "torch_mlp", "kind": "error", "error": NOT_INSTALLED})
        return
    torch.set_num_threads(1)
    torch.ones(8, 8) @ torch.ones(8, 8)  # loads the BLAS
    emit({"bench": "torch_mlp", "kind": "machine", "torch": torch.__version__, "threads": torch.get_num_threads(),
          "blas": args.blas, "blas_mapped": mapped_blas(), "reps": reps})
    for name in args.cases.split(","):
        best = None
        for foreach in (False, True):
            r = time_case(torch, name, reps, foreach)
            r["foreach"] = foreach
            if best is None or r["samples_per_s"] > best["samples_per_s"]:
                best = r
        emit({"bench": "torch_mlp", "kind": "train", "case": name, "blas": args.blas, "batch": CASES[name][4], **best})


if __name__ == "__main__":
    main()
