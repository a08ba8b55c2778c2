#!/usr/bin/env python3
"""bench/torch_grid.py — the PyTorch side of the grid-evaluation benchmark (bench/grid_eval.cpp).

Samples Rosenbrock and Ackley in float64 on the same side × side lattices over the same views as
grid_eval (Rosenbrock [-2, 2] × [-1, 3], Ackley [-5, 5]²), as one broadcast tensor expression, on 1
thread (torch.set_num_threads(1)) and on all threads; median of the repetitions after one warm-up.
Prints one JSON object per line; without torch, one line saying so (exit 0).
  python3 bench/torch_grid.py [--quick] [--reps N]
"""
import argparse
import json
import math
import os
import statistics
import time

NOT_INSTALLED = "PyTorch not installed: apt-get install python3-torch"
VIEWS = {"rosenbrock": (-2.0, 2.0, -1.0, 3.0), "ackley": (-5.0, 5.0, -5.0, 5.0)}


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def ackley(torch, x, y):
    r = torch.sqrt(0.5 * (x * x + y * y))
    e2 = torch.exp(0.5 * (torch.cos(2 * math.pi * x) + torch.cos(2 * math.pi * y)))
    return 20 * (1 - torch.exp(-0.2 * r)) + (math.e - e2)


def emit(obj):
    print(json.dumps(obj), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="128² and 512² grids, 3 repetitions")
    ap.add_argument("--reps", type=int, default=None)
    args = ap.parse_args()
    reps = args.reps or (3 if args.quick else 5)
    sides = [128, 512] if args.quick else [512, 2048]
    try:
        import torch
    except ImportError:
        emit({"bench": "torch_grid", "kind": "error", "error": NOT_INSTALLED})
        return
    all_threads = os.cpu_count() or 1
    emit({"bench": "torch_grid", "kind": "machine", "torch": torch.__version__, "threads_all": all_threads,
          "reps": reps})
    funcs = {"rosenbrock": lambda x, y: rosenbrock(x, y), "ackley": lambda x, y: ackley(torch, x, y)}
    for name, f in funcs.items():
        xmin, xmax, ymin, ymax = VIEWS[name]
        for side in sides:
            x = torch.linspace(xmin, xmax, side, dtype=torch.float64)
            y = torch.linspace(ymin, ymax, side, dtype=torch.float64)[:, None]  # row r is y_r, as in grid.hpp
            for threads in [1] if all_threads == 1 else [1, all_threads]:
                torch.set_num_threads(threads)

                def once():
                    start = time.perf_counter()
                    f(x, y)
                    return time.perf_counter() - start

                once()
                sec = statistics.median(once() for _ in range(reps))
                emit({"bench": "torch_grid", "kind": "grid", "function": name, "side": side, "threads": threads,
                      "ms_per_grid": sec * 1e3, "ns_per_point": sec * 1e9 / (side * side), "reps": reps})


if __name__ == "__main__":
    main()
