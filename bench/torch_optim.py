#!/usr/bin/env python3
"""bench/torch_optim.py — the PyTorch side of the optimizer-step benchmark (bench/optim_step.cpp).

Times torch.optim on the same problem: one float32 parameter tensor of n elements on the CPU with a
gradient set, at the same sizes, on 1 thread (torch.set_num_threads(1)) and on all threads, with the
same repetition scheme (k = 1e7 / n steps per repetition; median of the repetitions after one warm-up
repetition). Each optimizer is tried with foreach=False, foreach=True and, where this torch accepts it
on CPU, fused=True; the fastest variant is reported, and which one it was.

Prints one JSON object per line (scripts/bench.mjs reads them). Without torch it prints one line saying
so and exits 0, so `npm run bench` still runs.
  python3 bench/torch_optim.py [--quick] [--reps N]
On Debian: LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 bench/torch_optim.py
"""
import argparse
import inspect
import json
import os
import statistics
import time

NOT_INSTALLED = "PyTorch not installed: apt-get install python3-torch"

# Our type name -> (torch class name, constructor arguments); defaults match ours (see each optimizer's
# header in native/core/optim/; lr is set to ours).
SPECS = [
    ("sgd", "SGD", {"lr": 0.01}),
    ("momentum", "SGD", {"lr": 0.01, "momentum": 0.9}),
    ("nesterov", "SGD", {"lr": 0.01, "momentum": 0.9, "nesterov": True}),
    ("adagrad", "Adagrad", {"lr": 0.01}),
    ("rmsprop", "RMSprop", {"lr": 0.01}),
    ("adam", "Adam", {"lr": 0.001}),
    ("adamw", "AdamW", {"lr": 0.001}),
    ("amsgrad", "Adam", {"lr": 0.001, "amsgrad": True}),
    ("nadam", "NAdam", {"lr": 0.002}),
    ("adadelta", "Adadelta", {"lr": 1.0}),
]
VARIANTS = [("foreach=False", {"foreach": False}), ("foreach=True", {"foreach": True}), ("fused=True", {"fused": True})]


def emit(obj):
    print(json.dumps(obj), flush=True)


def time_variant(torch, cls, kwargs, theta0, grad, reps):
    """Median seconds per step of one optimizer variant, or raises if torch refuses it."""
    n = theta0.numel()
    k = max(1, 10_000_000 // n)
    p = torch.nn.Parameter(theta0.clone())
    p.grad = grad
    opt = cls([p], **kwargs)

    def rep():
        start = time.perf_counter()
        for _ in range(k):
            opt.step()
        return time.perf_counter() - start

    rep()  # warm-up: allocates the state
    return statistics.median(rep() for _ in range(reps)) / k


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1e5 and 1e6 parameters, 3 repetitions")
    ap.add_argument("--reps", type=int, default=None)
    args = ap.parse_args()
    reps = args.reps or (3 if args.quick else 11)
    sizes = [100_000, 1_000_000] if args.quick else [1_000_000, 10_000_000]

    try:
        import torch
    except ImportError:
        emit({"bench": "torch_optim", "kind": "error", "error": NOT_INSTALLED})
        return

    all_threads = os.cpu_count() or 1
    thread_counts = [1] if all_threads == 1 else [1, all_threads]
    emit({"bench": "torch_optim", "kind": "machine", "torch": torch.__version__, "threads_all": all_threads,
          "reps": reps, "quick": args.quick})

    gen = torch.Generator().manual_seed(0)
    for n in sizes:
        theta0 = torch.rand(n, generator=gen) * 2 - 1
        grad = torch.rand(n, generator=gen) * 2 - 1
        for ours, cls_name, base in SPECS:
            cls = getattr(torch.optim, cls_name, None)
            accepted = set(inspect.signature(cls).parameters) if cls else set()
            for threads in thread_counts:
                torch.set_num_threads(threads)
                times, refused = {}, {}
                for label, extra in VARIANTS:
                    if cls is None or not set(extra) <= accepted:
                        refused[label] = "not an argument of torch.optim.%s in torch %s" % (cls_name, torch.__version__)
                        continue
                    try:
                        times[label] = time_variant(torch, cls, {**base, **extra}, theta0, grad, reps)
                    except (RuntimeError, ValueError, TypeError) as e:
                        refused[label] = str(e).splitlines()[0][:160]
                if not times:
                    emit({"bench": "torch_optim", "kind": "error", "optimizer": ours, "n": n, "threads": threads,
                          "error": "; ".join(refused.values())})
                    continue
                best = min(times, key=times.get)
                emit({"bench": "torch_optim", "kind": "step", "optimizer": ours, "torch_class": cls_name, "n": n,
                      "threads": threads, "best_variant": best, "ms_per_step": times[best] * 1e3,
                      "ns_per_param": times[best] * 1e9 / n,
                      "variants_ns_per_param": {k: v * 1e9 / n for k, v in times.items()},
                      "refused": refused, "reps": reps})


if __name__ == "__main__":
    main()
