#!/usr/bin/env python3
# {{TITLE}}
#
# An optimizer race exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It replays the run in float64, step by step, as the lab's engine ran it:
#   - the function and its gradient, written out as the engine computes them (a formula runs as the
#     engine's compiled program, with forward-mode derivatives);
#   - each optimizer's update rule as a torch.optim.Optimizer (ours, where torch.optim arranges the
#     arithmetic differently), with its learning-rate schedule;
#   - the gradient noise, from the engine's own generator (xoshiro256** seeded through splitmix64);
#   - the live changes made while the run ran, at the steps they took effect;
#   - the stop rules (diverged, converged, reached target, completed).
# On the CPU the trajectory matches the lab's to the last bit (the test suite checks 1e-9 relative).
#
#   python3 this.py                 a table of where each optimizer ended
#   python3 this.py --json          the same keys as `gradlab race --format json` (optimizers[].x/y/f …)
#   python3 this.py --steps N       run N steps instead of the run's
#   python3 this.py --device cuda   keep θ and the optimizer state on a GPU (the same numbers up to the
#                                   GPU's rounding; a race has two parameters, so the CPU is faster)
# A race is one process on two numbers; there is nothing to gain from torchrun here. The classes
# below (Adam, NAdam, …) work on any parameters, so they can be taken into a model of your own.
# Needs Python 3.8+ and PyTorch (Debian: apt-get install python3-torch).

import argparse
import json
import math
import sys

import torch

true, false, null = True, False, None  # so that the run below, written as JSON, reads as Python

RUN = {{RUN_JSON}}

{{COMMON}}

def norm2(x, y):
    """‖(x, y)‖ in the engine's steps (native/core/runtime/norm2.cpp): power-of-two scaling, two
    products, a sum, a square root; the same bits on every machine, unlike the C library's hypot."""
    ax, ay = abs(x), abs(y)
    if math.isinf(ax) or math.isinf(ay):
        return math.inf
    if math.isnan(ax) or math.isnan(ay):
        return math.nan
    big = max(ax, ay)
    scale = unscale = 1.0
    if big > 2.0 ** 500:
        scale, unscale = 2.0 ** -600, 2.0 ** 600
    elif big < 2.0 ** -500:
        scale, unscale = 2.0 ** 600, 2.0 ** -600
    sx, sy = ax * scale, ay * scale
    return math.sqrt(sx * sx + sy * sy) * unscale




# ---------------------------------------------------------------------------------------------------
# The built-in functions: f(x, y) and its analytic gradient, in the engine's order of operations.
PI = math.pi
TWO_PI = 2 * math.pi


def rosenbrock(x, y, a=1.0, b=100.0):
    u, v = a - x, y - x * x
    return u * u + b * v * v, -2 * u - 4 * b * x * v, 2 * b * v


def beale(x, y):
    y2 = y * y
    y3 = y2 * y
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3
    gx = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1))
    gy = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3)
    return t1 * t1 + t2 * t2 + t3 * t3, gx, gy


def himmelblau(x, y):
    u, v = x * x + y - 11, x + y * y - 7
    return u * u + v * v, 4 * x * u + 2 * v, 2 * u + 4 * y * v


def booth(x, y):
    u, v = x + 2 * y - 7, 2 * x + y - 5
    return u * u + v * v, 2 * u + 4 * v, 4 * u + 2 * v


def matyas(x, y):
    return 0.26 * (x * x + y * y) - 0.48 * x * y, 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x


def goldstein_price(x, y):
    u = x + y + 1
    P = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
    v = 2 * x - 3 * y
    Q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
    A, B = 1 + u * u * P, 30 + v * v * Q
    dA = 2 * u * P + u * u * (-14 + 6 * x + 6 * y)
    dBx = 4 * v * Q + v * v * (-32 + 24 * x - 36 * y)
    dBy = -6 * v * Q + v * v * (48 - 36 * x + 54 * y)
    return A * B, dA * B + A * dBx, dA * B + A * dBy


def ackley(x, y):
    r = sqrt(0.5 * (x * x + y * y))
    e1 = exp(-0.2 * r)
    cx, cy = cos(TWO_PI * x), cos(TWO_PI * y)
    e2 = exp(0.5 * (cx + cy))
    cone = fdiv(2 * e1, r) if r > 0 else 0.0  # ∇ of the cone −20·e1 is undefined at its tip: 0 there
    gx = cone * x + PI * e2 * sin(TWO_PI * x)
    gy = cone * y + PI * e2 * sin(TWO_PI * y)
    return 20 * (1 - e1) + (math.e - e2), gx, gy


def rastrigin(x, y, A=10.0):
    gx = 2 * x + TWO_PI * A * sin(TWO_PI * x)
    gy = 2 * y + TWO_PI * A * sin(TWO_PI * y)
    return (x * x + A * (1 - cos(TWO_PI * x))) + (y * y + A * (1 - cos(TWO_PI * y))), gx, gy


def saddle(x, y):
    return x * x - y * y, 2 * x, -2 * y


def quadratic(x, y, kappa=10.0):
    return 0.5 * (x * x + kappa * y * y), x, kappa * y


def three_hump_camel(x, y):
    x2 = x * x
    x4 = x2 * x2
    return 2 * x2 - 1.05 * x4 + x4 * x2 / 6 + x * y + y * y, 4 * x - 4.2 * x2 * x + x4 * x + y, x + 2 * y


def styblinski_tang(x, y):
    x2, y2 = x * x, y * y
    f = 0.5 * ((x2 * x2 - 16 * x2 + 5 * x) + (y2 * y2 - 16 * y2 + 5 * y))
    return f, 2 * x2 * x - 16 * x + 2.5, 2 * y2 * y - 16 * y + 2.5


BUILTINS = {f.__name__: f for f in (rosenbrock, beale, himmelblau, booth, matyas, goldstein_price, ackley,
                                    rastrigin, saddle, quadratic, three_hump_camel, styblinski_tang)}


# A formula: the engine's compiled postfix program, run on dual numbers (value, ∂/∂x, ∂/∂y).
def chain(d, g):
    return 0.0 if g == 0 else d * g


def lift(v, d, a):
    return (v, chain(d, a[1]), chain(d, a[2]))


def d_pow(a, b):
    v = fpow(a[0], b[0])
    da = b[0] * fpow(a[0], b[0] - 1)
    db = 0.0 if v == 0 else v * log(a[0])
    return (v, chain(da, a[1]) + chain(db, b[1]), chain(da, a[2]) + chain(db, b[2]))


def d_div(a, b):
    q = fdiv(a[0], b[0])
    return (q, fdiv(a[1] - q * b[1], b[0]), fdiv(a[2] - q * b[2], b[0]))


def d_kdiv(k, a):
    v = fdiv(k, a[0])
    return lift(v, fdiv(-v, a[0]), a)


def d_kpow(k, a):
    v = fpow(k, a[0])
    return lift(v, v * log(k), a)


def d_tan(a):
    t = tan(a[0])
    return lift(t, 1 + t * t, a)


def d_exp(a):
    e = exp(a[0])
    return lift(e, e, a)


def d_sqrt(a):
    s = sqrt(a[0])
    return lift(s, fdiv(0.5, s), a)


def d_tanh(a):
    t = tanh(a[0])
    return lift(t, 1 - t * t, a)


BINARY = {
    "add": lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2]),
    "sub": lambda a, b: (a[0] - b[0], a[1] - b[1], a[2] - b[2]),
    "mul": lambda a, b: (a[0] * b[0], a[1] * b[0] + a[0] * b[1], a[2] * b[0] + a[0] * b[2]),
    "div": d_div,
    "pow": d_pow,
}
WITH_CONSTANT = {
    "add_k": lambda a, k: (a[0] + k, a[1], a[2]),
    "sub_k": lambda a, k: (a[0] - k, a[1], a[2]),
    "mul_k": lambda a, k: (a[0] * k, a[1] * k, a[2] * k),
    "div_k": lambda a, k: (fdiv(a[0], k), fdiv(a[1], k), fdiv(a[2], k)),
    "pow_k": lambda a, k: lift(fpow(a[0], k), k * fpow(a[0], k - 1), a),
    "k_sub": lambda a, k: (k - a[0], -a[1], -a[2]),
    "k_div": lambda a, k: d_kdiv(k, a),
    "k_pow": lambda a, k: d_kpow(k, a),
}
UNARY = {
    "neg": lambda a: (-a[0], -a[1], -a[2]),
    "sqr": lambda a: (a[0] * a[0], 2 * a[0] * a[1], 2 * a[0] * a[2]),
    "sin": lambda a: lift(sin(a[0]), cos(a[0]), a),
    "cos": lambda a: lift(cos(a[0]), -sin(a[0]), a),
    "tan": d_tan,
    "exp": d_exp,
    "log": lambda a: lift(log(a[0]), fdiv(1, a[0]), a),
    "sqrt": d_sqrt,
    "abs": lambda a: lift(math.fabs(a[0]), 1.0 if a[0] > 0 else (-1.0 if a[0] < 0 else 0.0), a),
    "tanh": d_tanh,
    "atan": lambda a: lift(atan(a[0]), fdiv(1, 1 + a[0] * a[0]), a),
    "sinh": lambda a: lift(sinh(a[0]), cosh(a[0]), a),
    "cosh": lambda a: lift(cosh(a[0]), sinh(a[0]), a),
}


def run_program(program, x, y):
    stack = []
    for op, k in program:
        if op == "const":
            stack.append((k, 0.0, 0.0))
        elif op == "x":
            stack.append((x, 1.0, 0.0))
        elif op == "y":
            stack.append((y, 0.0, 1.0))
        elif op in BINARY:
            b = stack.pop()
            stack.append(BINARY[op](stack.pop(), b))
        elif op in WITH_CONSTANT:
            stack.append(WITH_CONSTANT[op](stack.pop(), k))
        else:
            stack.append(UNARY[op](stack.pop()))
    return stack[-1]


def make_function(spec):
    """f(x, y) → (f, ∂f/∂x, ∂f/∂y) for the run's function."""
    if spec["program"]:
        program = [(op, float(k)) for op, k in spec["program"]]
        return lambda x, y: run_program(program, x, y)
    fn = BUILTINS[spec["name"]]
    params = {k: float(v) for k, v in spec.get("params", {}).items()}
    return lambda x, y: fn(x, y, **params)


# ---------------------------------------------------------------------------------------------------
class Runner:
    """One optimizer of the race: θ, its optimizer, its noise generator and its trajectory."""

    def __init__(self, spec, race, fn, device):
        self.name, self.type, self.schedule = spec["name"], spec["type"], spec["schedule"]
        self.theta = torch.tensor(race["start"], dtype=torch.float64, device=device)
        self.theta.grad = torch.zeros_like(self.theta)
        self.opt = OPTIMIZERS[self.type]([self.theta], spec["hypers"])
        self.rng = Rng(int(race["seed"]))
        self.fn = fn
        self.steps, self.status, self.last_lr = 0, "running", NAN
        self.rows = {k: [] for k in ("x", "y", "f", "gx", "gy", "gnorm", "lr")}

    def evaluate(self, sigma):
        x, y = self.theta.tolist()
        f, gx, gy = self.fn(x, y)
        self.f, self.gnorm = f, norm2(gx, gy)
        if sigma > 0:
            gx += sigma * self.rng.normal()
            gy += sigma * self.rng.normal()
        self.grad = (gx, gy)
        self.theta.grad.copy_(torch.tensor([gx, gy], dtype=torch.float64))
        row = self.rows
        row["x"].append(x)
        row["y"].append(y)
        row["f"].append(f)
        row["gx"].append(gx)
        row["gy"].append(gy)
        row["gnorm"].append(self.gnorm)
        row["lr"].append(self.last_lr if self.steps > 0 else NAN)

    def check_stop(self, stop, max_steps, end):
        x, y = self.rows["x"][-1], self.rows["y"][-1]
        values = (x, y, self.f, self.grad[0], self.grad[1])
        if not all(math.isfinite(v) for v in values):
            self.status = "diverged"
        elif max(abs(x), abs(y)) > stop["diverge_bound"]:
            self.status = "diverged"
        elif stop["grad_tol"] > 0 and self.gnorm < stop["grad_tol"]:
            self.status = "converged"
        elif "f_target" in stop and self.f <= stop["f_target"]:
            self.status = "reached_target"
        elif self.steps >= max_steps:
            self.status = end

    def update(self):
        self.last_lr = self.opt.param_groups[0]["lr"] * schedule_factor(self.schedule, self.steps + 1)
        self.opt.step(self.last_lr)
        self.steps += 1


def apply_change(runners, noise, field, value):
    """A live change, as its config path: optimizers[i].<hyper> or noise.sigma."""
    if field == "noise.sigma":
        noise["sigma"] = float(value)
        return
    head, _, key = field.partition("].")
    index = int(head[len("optimizers["):])
    runners[index].opt.param_groups[0][key] = value


def race(steps=None, device="cpu"):
    r = RUN["race"]
    stopped = RUN["stopped_at"]  # a run stopped by hand: the steps it ran
    max_steps = int(steps if steps is not None else (r["steps"] if stopped is None else stopped))
    end = "stopped" if stopped is not None and steps is None else "completed"
    fn = make_function(r["function"])
    noise = {"sigma": float(r["noise"]["sigma"])}
    runners = [Runner(o, r, fn, device) for o in r["optimizers"]]
    changes = sorted(RUN["changes"], key=lambda c: c["step"])
    for run in runners:
        run.evaluate(noise["sigma"])
        run.check_stop(r["stop"], max_steps, end)
    done = 0
    while any(run.status == "running" for run in runners):
        while changes and changes[0]["step"] <= done:
            c = changes.pop(0)
            apply_change(runners, noise, c["field"], c["new"])
        for run in runners:
            if run.status != "running":
                continue
            run.update()
            run.evaluate(noise["sigma"])
            run.check_stop(r["stop"], max_steps, end)
        done += 1
    return max_steps, done, runners


def finite_or_none(v):
    return v if isinstance(v, bool) or math.isfinite(v) else None


def summary(max_steps, runners):
    r = RUN["race"]
    fn = r["function"]
    out = {
        "function": {"name": fn["name"], "formula": fn["formula"], "start": r["start"]},
        "steps": max_steps, "seed": r["seed"], "noise": r["noise"], "stop": r["stop"], "optimizers": [],
    }
    for run in runners:
        hypers = {k: v for k, v in run.opt.param_groups[0].items() if k != "params"}
        o = {"name": run.name, "type": run.type, "hypers": hypers, "schedule": run.schedule,
             "status": run.status, "steps": run.steps}
        for k, values in run.rows.items():
            o[k] = [finite_or_none(v) for v in values]
        out["optimizers"].append(o)
    return out


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the trajectories as JSON")
    ap.add_argument("--steps", type=int, help="number of updates (default: the run's)")
    ap.add_argument("--device", default="cpu", help="where θ and the optimizer state live: cpu or cuda")
    a = ap.parse_args()
    if a.steps is not None and a.steps < 1:
        ap.error(f"--steps: expected an integer ≥ 1, got {a.steps}")
    torch.set_default_dtype(torch.float64)
    max_steps, done, runners = race(a.steps, a.device)
    if a.json:
        json.dump(summary(max_steps, runners), sys.stdout, indent=2)
        print()
        return
    print(f"{RUN['title']}: {done} steps")
    print(f"{'optimizer':<16} {'status':<15} {'steps':>8} {'x':>22} {'y':>22} {'f':>22}")
    for run in runners:
        x, y, f = run.rows["x"][-1], run.rows["y"][-1], run.rows["f"][-1]
        print(f"{run.name:<16} {run.status:<15} {run.steps:>8} {x:>22.15g} {y:>22.15g} {f:>22.15g}")


if __name__ == "__main__":
    main()
