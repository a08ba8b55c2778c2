#!/usr/bin/env python3
# {{TITLE}}
#
# A cart-pole run exported from Gradient Lab (梯度实验室) by `gradlab runs export {{RUN_ID}} --pytorch`.
# It trains the same learner on the same environment in PyTorch:
#   - the environment: CartPole-v1's physics as the engine steps it (frictionless, explicit Euler,
#     τ = 0.02 s, ±10 N), an episode ending when |x| > 2.4 or |θ| > 12° (terminated) or after 500
#     steps (truncated, not a failure), every step earning 1;
#   - the nets, starting from the run's own initial weights (embedded below; Gradient Lab stores a
#     linear weight as [in, out], torch as [out, in]): for REINFORCE and A2C a policy 4 → hidden (tanh)
#     → 2 logits and a value net 4 → hidden (tanh) → 1; for DQN Q: 4 → hidden → hidden (ReLU) → 2 and
#     a target net that starts as a copy of it;
#   - the learner written out (reinforce, a2c or dqn below), Adam (the lab's update rule) with the
#     run's learning rate, γ, the episodes, the target, and the live changes of lr at their episodes;
#   - the stop rule: the mean return of the last 100 episodes reaches the target.
# The state goes into the nets as it is, in float32 (no normalisation), as in the lab. Every random
# number — the resets, the sampled actions, DQN's ε-greedy choices and replay batches — comes from the
# engine's generator (xoshiro256** seeded through splitmix64) in the lab's order, after the draws that
# made the initial weights. By default the nets also compute as the engine does, to the last bit: its
# sums of products in its order (fused multiply-adds or not, as the engine that made the run:
# RUN["fused_multiply_add"]), its float32 tanh, its gradients' sums, the update rule line by line. So
# the script plays the run's episodes again, every return equal, and solves at the same episode. That
# costs time, for Python steps through each sum: about 0.3 ms a move for REINFORCE and A2C (half a
# minute for a run of 100 000 moves) and 5 ms for DQN (a quarter of an hour for 150 000). --fast runs
# torch's own layers, losses and autograd instead, 5 to 10 times faster for REINFORCE and A2C and 2.5
# times for DQN: the same learner from the same start, but torch rounds its sums otherwise, so after
# some dozens of episodes one action turns and the rest is another run of the same learner, solving
# sooner or later than ours (RL runs are that sensitive).
#
#   python3 this.py                 a line every 10 episodes, then the outcome
#   python3 this.py --json          the same keys as `gradlab rl train --format json` (episodes, solved,
#                                   returns, summary.final.mean_return_100 …)
#   python3 this.py --episodes N    at most N episodes instead of the run's
#   python3 this.py --fast          torch's kernels (see above)
#   python3 this.py --device cuda   the nets on a GPU (slower than the CPU for nets this small, played
#                                   one move at a time; the replay to the last bit is checked on the CPU)
# torchrun has nothing to share out here: the learner is on-policy (REINFORCE, A2C) or updates after
# every move (DQN) in a single environment, so each update needs the moves just played, and there is
# no batch to split between processes. To use more machines, run more seeds, one process each.
# Needs Python 3.8+ and PyTorch (Debian: apt-get install python3-torch).

import argparse
import base64
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
# The cart-pole (CartPole-v1): a state is (x, ẋ, θ, θ̇) in Python floats (doubles, as in the engine).
GRAVITY, CART_MASS, POLE_MASS, HALF_LENGTH, FORCE, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
X_LIMIT = 2.4
THETA_LIMIT = 12 * 2 * math.pi / 360
MAX_STEPS = 500


def cartpole_step(s, action):
    """One explicit Euler step for action 0 (push left) or 1 (push right)."""
    x, x_dot, theta, theta_dot = s
    force = FORCE if action == 1 else -FORCE
    total = CART_MASS + POLE_MASS
    cos_t, sin_t = math.cos(theta), math.sin(theta)
    temp = (force + POLE_MASS * HALF_LENGTH * theta_dot * theta_dot * sin_t) / total
    theta_acc = (GRAVITY * sin_t - cos_t * temp) / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos_t * cos_t / total))
    x_acc = temp - POLE_MASS * HALF_LENGTH * theta_acc * cos_t / total
    return (x + TAU * x_dot, x_dot + TAU * x_acc, theta + TAU * theta_dot, theta_dot + TAU * theta_acc)


def cartpole_terminated(s):
    """The cart left the track or the pole fell."""
    x, _, theta, _ = s
    return x < -X_LIMIT or x > X_LIMIT or theta < -THETA_LIMIT or theta > THETA_LIMIT


def reset_state(rng):
    """As CartPole-v1 resets: each variable uniform in [−0.05, 0.05], drawn x, ẋ, θ, θ̇."""
    return tuple((rng.uniform() - 0.5) * 0.1 for _ in range(4))


# ---------------------------------------------------------------------------------------------------
# The engine's float32 arithmetic, for a replay to the last bit (the default; --fast uses torch's own).
# Each sum of products is the engine's: every element summed over k ascending from 0 in float32, one
# rounding per step, fused (one rounding per multiply-add, as the engine's x86-64-v3 build does on a CPU
# with AVX2 and FMA: here a float64 sum of the exact float64 product, then float32) or not; tanh is the
# engine's vectorised one (a polynomial below 0.625, 1 − 2/(e^(2|x|) + 1) above, e^y from a degree-7
# polynomial and 2ⁿ); and each gradient is summed in the engine's order. Slower than torch's kernels,
# since a product of K terms takes K steps of Python.
FUSED = RUN["fused_multiply_add"]


def f32(x):
    """x rounded to float32, as a Python float (torch rounds a Python float scalar so too)."""
    return torch.tensor(x, dtype=torch.float32).item()


def row_times_matrix(x, b):
    """engine_matmul for one row x (Python floats) and b [K][N] (lists): the same sums in Python floats,
    each step rounded to float32 by struct, several times faster than torch's per-step calls when N is
    small (the nets' outputs, played one move at a time)."""
    to_f32 = struct.Struct(f"{len(b[0])}f")
    acc = [0.0] * len(b[0])
    for a, row in zip(x, b):
        products = [a * w for w in row] if FUSED else to_f32.unpack(to_f32.pack(*[a * w for w in row]))
        acc = to_f32.unpack(to_f32.pack(*[c + p for c, p in zip(acc, products)]))
    return list(acc)


def engine_matmul(a, b):
    """a [M, K] · b [K, N], each element Σ_k a[m, k]·b[k, n] for k = 0, 1, … rounded to float32 per step."""
    rows, cols = a.shape[0], b.shape[1]
    if rows == 1 and cols <= 16 and a.device.type == "cpu":
        try:
            return torch.tensor([row_times_matrix(a[0].tolist(), b.tolist())], dtype=torch.float32)
        except OverflowError:  # a sum past float32's range, which struct refuses to round to infinity
            pass
    if FUSED:  # the product of two float32 is exact in float64: one rounding, to float32, per step
        acc = torch.zeros(rows, cols, dtype=torch.float64, device=a.device)
        out = torch.zeros(rows, cols, dtype=torch.float32, device=a.device)
        for column, row in zip(a.double().t().unsqueeze(2).unbind(0), b.double().unbind(0)):
            acc.addcmul_(column, row)
            out.copy_(acc)
            acc.copy_(out)
        return out
    out = torch.zeros(rows, cols, dtype=torch.float32, device=a.device)
    for column, row in zip(a.t().unsqueeze(2).unbind(0), b.unbind(0)):
        out.add_(column * row)  # two roundings: the product, then the sum
    return out


class EngineLinear(torch.autograd.Function):
    """x·Wᵀ + b with W as torch keeps it ([out, in]); backward: ∂x = ∂y·W, and ∂W, ∂b summed over the
    batch's rows in order (∂b as a product with a column of ones: 1·g is exact, so the fused and the
    plain sum agree)."""

    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        return engine_matmul(x, weight.t()) + bias

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        grad_x = engine_matmul(grad, weight) if ctx.needs_input_grad[0] else None
        ones = torch.ones(x.shape[0], 1, dtype=x.dtype, device=x.device)
        sums = engine_matmul(torch.cat([x, ones], dim=1).t(), grad)  # [in + 1, out]
        return grad_x, sums[:-1].t(), sums[-1]


def f32_quotient(a, b):
    return (torch.tensor(a, dtype=torch.float32) / b).item()


EXP_TAYLOR = [f32_quotient(1.0, n) for n in (5040, 720, 120, 24, 6)] + [0.5, 1.0, 1.0]
TANH_POLY = [-0.00573113467, 0.0206646603, -0.0537484176, 0.133315608, -0.333332866]


def engine_exp_0_20(y):
    """e^y for y in [0, 20]: n = round(y/ln 2) by adding and taking away 1.5·2²³, r = y − n·ln 2 in two
    parts, e^r by its Taylor polynomial, times 2ⁿ made in the exponent's bits."""
    n = (y * 1.44269504 + 12582912.0).sub_(12582912.0)
    r = (y - n * 0.693145752).sub_(n * 1.42860677e-6)
    p = torch.full_like(y, EXP_TAYLOR[0])
    for c in EXP_TAYLOR[1:]:
        p.mul_(r).add_(c)
    return p.mul_(((n.to(torch.int32) + 127) << 23).view(torch.float32))


def engine_tanh_value(x):
    """|x| < 0.625: |x| + |x|·z·P(z), z = x²; else 1 − 2/(e^(2|x|) + 1); the sign of x put back."""
    a = x.abs()
    z = a * a
    p = torch.full_like(a, TANH_POLY[0])
    for c in TANH_POLY[1:]:
        p.mul_(z).add_(c)
    small = a + a * (z * p)
    y = torch.where(a < 10.0, a + a, torch.full_like(a, 20.0))  # |x| ≥ 10 (or NaN): tanh rounds to 1
    large = 1.0 - 2.0 / engine_exp_0_20(y).add_(1.0)
    return torch.copysign(torch.where(a >= 0.625, large, small), x)


class EngineTanh(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = engine_tanh_value(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * (1.0 - y * y)


class EngineMse(torch.autograd.Function):
    """The mean of (prediction − target)² over every element; ∂prediction = (2/n as float32)·(p − t)."""

    @staticmethod
    def forward(ctx, prediction, target):
        ctx.save_for_backward(prediction, target)
        return ((prediction.double() - target.double()) ** 2).mean().float()

    @staticmethod
    def backward(ctx, grad):
        prediction, target = ctx.saved_tensors
        scale = f32(2.0 * grad.item() / prediction.numel())
        return scale * (prediction - target), None


class EngineWeightedCrossEntropy(torch.autograd.Function):
    """(1/B)·Σ_b w_b·(−log softmax(z_b)[a_b]); ∂z_b = (w_b/B)·(softmax(z_b) − onehot(a_b)), the softmax
    from float64 exponentials of z − max z rounded to float32."""

    @staticmethod
    def forward(ctx, logits, actions, weights):
        shifted = logits - logits.max(dim=1, keepdim=True).values  # float32, as the engine subtracts
        exps = [[math.exp(v) for v in row] for row in shifted.tolist()]
        probs = torch.tensor([[e / sum(row) for e in row] for row in exps], dtype=torch.float32, device=logits.device)
        ctx.save_for_backward(probs, actions, weights)
        lse = torch.tensor([math.log(sum(row)) for row in exps], dtype=torch.float64, device=logits.device)
        picked = shifted.double().gather(1, actions.unsqueeze(1)).squeeze(1)
        return (weights.double() * (lse - picked)).mean().float()

    @staticmethod
    def backward(ctx, grad):
        probs, actions, weights = ctx.saved_tensors
        g = grad * weights / float(len(weights))
        out = g.unsqueeze(1) * probs
        rows = torch.arange(len(actions), device=probs.device)
        out[rows, actions] = out[rows, actions] - g
        return out, None, None


class Linear(nn.Linear):
    """nn.Linear whose forward and backward are the engine's arithmetic (or torch's with --fast)."""

    def forward(self, x):
        return EngineLinear.apply(x, self.weight, self.bias) if EXACT else super().forward(x)


class Tanh(nn.Tanh):
    def forward(self, x):
        return EngineTanh.apply(x) if EXACT else super().forward(x)


def mse(prediction, target):
    return EngineMse.apply(prediction, target) if EXACT else nn.functional.mse_loss(prediction, target)


def weighted_cross_entropy(logits, actions, weights):
    """The policy's loss −(1/T)·Σ_t w_t·log π(a_t|s_t)."""
    if EXACT:
        return EngineWeightedCrossEntropy.apply(logits, actions, weights)
    return (weights * nn.functional.cross_entropy(logits, actions, reduction="none")).mean()


EXACT = True  # main() sets it from --fast


# ---------------------------------------------------------------------------------------------------
# The nets, and the run's initial weights in them.
def mlp(widths, activation):
    """Linear layers of the given widths with `activation` between them (none after the last)."""
    layers = []
    for i in range(len(widths) - 1):
        layers.append(Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(activation())
    return nn.Sequential(*layers)


@torch.no_grad()
def load_initial_weights(nets):
    """Our names: <net>.layers.<i>.weight | bias, for nets = {"policy": …, "value": …} or {"q": …}."""
    for name, shape, value in read_weights(base64.b64decode("".join(WEIGHTS))):
        net, _, layer, kind = name.split(".")
        target = getattr(nets[net][2 * int(layer)], kind)  # Linear, activation, Linear, …
        value = value.t() if kind == "weight" else value  # [in, out] → [out, in]
        if list(value.shape) != list(target.shape):
            sys.exit(f"weights {name}: shape {shape} does not fit {list(target.shape)}")
        target.copy_(value)


def draw_initial_weights(rng, nets, he_normal):
    """Makes the draws the engine made for the nets' initial weights, in its order, so that `rng` is
    where the lab's was when training began. Each linear weight [in, out] row by row: Xavier uniform
    a·(2u − 1), a = √(6/(in + out)), before tanh or the output; He normal √2/√in·N(0, 1) before a
    ReLU (DQN's hidden layers). True when the draws are the embedded weights."""
    same = True
    for net in nets:
        linears = [m for m in net if isinstance(m, nn.Linear)]
        for i, layer in enumerate(linears):
            fan_in, fan_out = layer.in_features, layer.out_features
            if he_normal and i + 1 < len(linears):
                sigma = math.sqrt(2.0) / math.sqrt(fan_in)
                drawn = [sigma * rng.normal() for _ in range(fan_in * fan_out)]
            else:
                a = 1.0 * math.sqrt(6.0 / (fan_in + fan_out))
                drawn = [a * (2.0 * rng.uniform() - 1.0) for _ in range(fan_in * fan_out)]
            ours = layer.weight.detach().t().reshape(-1).cpu()
            same = same and torch.equal(torch.tensor(drawn, dtype=torch.float32), ours)
    return same


def features(s):
    """The nets' input: the state as it is, each variable rounded to float32 (by torch.tensor)."""
    return list(s)


# ---------------------------------------------------------------------------------------------------
# REINFORCE with a learned baseline, and A2C.
class PolicyGradient:
    """reinforce: after each episode one update on all its moves: the value net toward the discounted
    returns G_t (mean squared error), then the policy by −(1/T)·Σ A_t·log π(a_t|s_t) with A_t = G_t −
    V(s_t) (V before its step) normalised over the episode. a2c: the same update every 32 moves (and at
    the episode's end) on that segment, with n-step returns bootstrapped from V of the state after it
    and A not normalised. An episode cut at 500 steps bootstraps from V of its last state too."""

    def __init__(self, rng, device, a2c):
        hidden = RUN["hidden"]
        self.rng, self.device, self.a2c = rng, device, a2c
        self.policy = mlp([4, hidden, 2], Tanh)
        self.value = mlp([4, hidden, 1], Tanh)
        load_initial_weights({"policy": self.policy, "value": self.value})
        self.nets = [self.policy, self.value]
        self.policy.to(device)
        self.value.to(device)
        hypers = RUN["optimizer"]["hypers"]
        self.policy_opt = OPTIMIZERS["adam"](list(self.policy.parameters()), hypers)
        self.value_opt = OPTIMIZERS["adam"](list(self.value.parameters()), hypers)
        self.optimizers = [self.policy_opt, self.value_opt]

    def tensor(self, rows):
        return torch.tensor(rows, dtype=torch.float32, device=self.device)

    @torch.no_grad()
    def act(self, state):
        """Samples an action: right with probability π(right|s) = 1/(1 + e^(z_left − z_right))."""
        z_left, z_right = self.policy(self.tensor([features(state)]))[0].tolist()
        p_right = 1 / (1 + exp(z_left - z_right))
        return 1 if self.rng.uniform() < p_right else 0

    @torch.no_grad()
    def value_at(self, state):
        return self.value(self.tensor([features(state)]))[0, 0].item()

    def episode(self):
        segment = 32 if self.a2c else MAX_STEPS
        gamma = RUN["gamma"]
        s = reset_state(self.rng)
        terminated, t = False, 0
        while not terminated and t < MAX_STEPS:
            states, actions = [], []
            while len(actions) < segment and not terminated and t < MAX_STEPS:
                a = self.act(s)
                states.append(features(s))
                actions.append(a)
                s = cartpole_step(s, a)
                terminated = cartpole_terminated(s)
                t += 1
            # the pole fell: nothing after; cut off (a segment's end, or 500 steps): V of the state reached
            tail = 0.0 if terminated else self.value_at(s)
            returns = [0.0] * len(actions)
            for i in reversed(range(len(actions))):
                tail = 1.0 + gamma * tail
                returns[i] = tail
            self.update(states, actions, returns)
        return t

    def update(self, states, actions, returns):
        x = self.tensor(states)
        g = self.tensor(returns).unsqueeze(1)
        v = self.value(x)
        advantages = (g - v.detach()).squeeze(1)
        value_loss = mse(v, g)
        self.value_opt.zero_grad()
        value_loss.backward()
        self.value_opt.step(self.value_opt.param_groups[0]["lr"])
        if not self.a2c:  # normalised in float64, as the engine does, then back to float32
            adv = advantages.tolist()
            mean = 0.0
            for a in adv:
                mean += a
            mean /= len(adv)
            sq = 0.0
            for a in adv:
                sq += (a - mean) * (a - mean)
            sd = math.sqrt(sq / len(adv)) + 1e-8
            advantages = self.tensor([(a - mean) / sd for a in adv])
        logits = self.policy(x)
        picked = torch.tensor(actions, dtype=torch.int64, device=self.device)
        policy_loss = weighted_cross_entropy(logits, picked, advantages)
        self.policy_opt.zero_grad()
        policy_loss.backward()
        self.policy_opt.step(self.policy_opt.param_groups[0]["lr"])


# ---------------------------------------------------------------------------------------------------
# DQN with a replay buffer and a target net.
class Dqn:
    """ε-greedy on Q, ε from 1 to 0.05 over the first 10 000 moves; every move goes into a replay buffer
    of 50 000; once 1 000 are stored, one Adam step per move on 64 moves drawn from it (with repeats):
    the mean squared error between Q(s, a) and r + γ·max_a′ Q_target(s′, a′) (r alone when the pole
    fell; an episode cut at 500 steps still bootstraps), over both outputs, the other action's target
    being Q itself. The target net takes q's weights every 500 moves."""

    CAPACITY, BATCH, WARMUP, SYNC, DECAY = 50_000, 64, 1_000, 500, 10_000

    def __init__(self, rng, device):
        hidden = RUN["hidden"]
        self.rng, self.device = rng, device
        self.q = mlp([4, hidden, hidden, 2], nn.ReLU)
        load_initial_weights({"q": self.q})
        self.nets = [self.q]
        self.q.to(device)
        self.target = mlp([4, hidden, hidden, 2], nn.ReLU).to(device)
        self.target.load_state_dict(self.q.state_dict())
        self.opt = OPTIMIZERS["adam"](list(self.q.parameters()), RUN["optimizer"]["hypers"])
        self.optimizers = [self.opt]
        self.states = torch.zeros(self.CAPACITY, 4, device=device)
        self.next_states = torch.zeros(self.CAPACITY, 4, device=device)
        self.actions = torch.zeros(self.CAPACITY, dtype=torch.int64, device=device)
        self.fell = torch.zeros(self.CAPACITY, dtype=torch.bool, device=device)
        self.stored = 0  # moves ever stored (the slot is stored % CAPACITY)
        self.moves = 0   # moves played

    def tensor(self, rows):
        return torch.tensor(rows, dtype=torch.float32, device=self.device)

    @torch.no_grad()
    def act(self, state):
        epsilon = max(0.05, 1.0 - 0.95 * self.moves / self.DECAY)
        if self.rng.uniform() < epsilon:
            return self.rng.next_u64() % 2
        q_left, q_right = self.q(self.tensor([features(state)]))[0].tolist()
        return 1 if q_right > q_left else 0

    def episode(self):
        s = reset_state(self.rng)
        terminated, t = False, 0
        while t < MAX_STEPS and not terminated:
            a = self.act(s)
            s2 = cartpole_step(s, a)
            terminated = cartpole_terminated(s2)
            slot = self.stored % self.CAPACITY
            self.states[slot] = self.tensor(features(s))
            self.next_states[slot] = self.tensor(features(s2))
            self.actions[slot] = a
            self.fell[slot] = terminated
            self.stored += 1
            s = s2
            if self.stored >= self.WARMUP:
                self.learn()
                if self.moves % self.SYNC == 0:
                    self.target.load_state_dict(self.q.state_dict())
            t += 1
            self.moves += 1
        return t

    def learn(self):
        n = min(self.stored, self.CAPACITY)
        pick = torch.tensor([self.rng.next_u64() % n for _ in range(self.BATCH)], device=self.device)
        with torch.no_grad():
            next_max = self.target(self.next_states[pick]).max(dim=1).values
            bootstrap = torch.where(self.fell[pick], torch.zeros_like(next_max), RUN["gamma"] * next_max)
        q = self.q(self.states[pick])
        y = q.detach().clone()
        y[torch.arange(self.BATCH, device=self.device), self.actions[pick]] = 1.0 + bootstrap
        loss = mse(q, y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step(self.opt.param_groups[0]["lr"])


# ---------------------------------------------------------------------------------------------------
def mean_last(returns, n=100):
    """The mean of the last n returns (of all of them when there are fewer)."""
    last = returns[-n:]
    return sum(last) / len(last) if last else 0.0


def train(episodes=None, device="cpu", progress=None):
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        sys.exit("this learner trains one environment in one process: torchrun has nothing to share out "
                 "(run more seeds as separate processes instead)")
    rng = Rng(RUN["seed"])
    if RUN["algo"] == "dqn":
        learner = Dqn(rng, device)
    else:
        learner = PolicyGradient(rng, device, RUN["algo"] == "a2c")
    if not draw_initial_weights(rng, learner.nets, RUN["algo"] == "dqn"):
        print("warning: the embedded weights are not those the seed draws; the episodes will not be the run's",
              file=sys.stderr)
    changes = sorted(RUN["changes"], key=lambda c: c["episode"])
    max_episodes = int(episodes if episodes is not None else RUN["episodes"])
    returns, solved = [], False
    while len(returns) < max_episodes and not solved:
        while changes and changes[0]["episode"] <= len(returns):  # a change after episode k applies from k + 1
            lr = changes.pop(0)["lr"]
            for opt in learner.optimizers:
                opt.param_groups[0]["lr"] = lr
        returns.append(learner.episode())
        solved = len(returns) >= 100 and mean_last(returns) >= RUN["target"]
        if progress:
            progress(returns)
    return returns, solved


def main():
    ap = argparse.ArgumentParser(description=RUN["title"])
    ap.add_argument("--json", action="store_true", help="print the returns and the outcome as JSON")
    ap.add_argument("--episodes", type=int, help="at most this many episodes (default: the run's)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    ap.add_argument("--fast", action="store_true",
                    help="torch's own layers, losses and autograd: faster, but its sums round otherwise than ours, "
                         "so the episodes part from the run's after a few dozen (a new run of the same learner)")
    a = ap.parse_args()
    if a.episodes is not None and a.episodes < 1:
        ap.error(f"--episodes: expected an integer ≥ 1, got {a.episodes}")
    global EXACT
    EXACT = not a.fast
    torch.set_num_threads(1)  # nets this small run fastest on one thread

    def progress(returns):
        if len(returns) % 10 == 0:
            print(f"episode {len(returns):>5}  return {returns[-1]:>4}  mean of the last 100 {mean_last(returns):7.2f}", flush=True)

    returns, solved = train(a.episodes, a.device, None if a.json else progress)
    mean = mean_last(returns)
    if a.json:
        json.dump({"config": RUN["config"], "env": "cartpole", "algo": RUN["algo"], "seed": RUN["seed"], "target": RUN["target"],
                   "episodes": len(returns), "solved": solved, "returns": returns,
                   "summary": {"final": {"mean_return_100": mean}}}, sys.stdout, indent=2)
        print()
        return
    print(f"{RUN['algo']} on cartpole, seed {RUN['seed']}: {'solved' if solved else 'not solved'} after {len(returns)} episodes; "
          f"mean return of the last 100: {mean:.1f} (target {RUN['target']})")


WEIGHTS = (
{{WEIGHTS_B64}}
)

if __name__ == "__main__":
    main()
