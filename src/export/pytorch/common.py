# Shared by Gradient Lab's exported scripts (src/export/pytorch/common.py, pasted into each script):
# C-like arithmetic, the engine's random numbers, learning-rate schedules and the update rules.

# ---------------------------------------------------------------------------------------------------
# Arithmetic as C does it: a NaN or an infinity instead of a Python exception.
INF = float("inf")
NAN = float("nan")


def fdiv(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)


def _safe(fn, overflow):
    def call(a):
        try:
            return fn(a)
        except OverflowError:
            return overflow(a)
        except ValueError:
            return NAN
    return call


sin = _safe(math.sin, lambda a: NAN)
cos = _safe(math.cos, lambda a: NAN)
tan = _safe(math.tan, lambda a: NAN)
exp = _safe(math.exp, lambda a: INF)
sinh = _safe(math.sinh, lambda a: math.copysign(INF, a))
cosh = _safe(math.cosh, lambda a: INF)
tanh = math.tanh
atan = math.atan


def log(a):
    if a == 0:
        return -INF
    if a < 0:
        return NAN
    return math.log(a)


def sqrt(a):
    return NAN if a < 0 else math.sqrt(a)


def fpow(a, b):
    try:
        return math.pow(a, b)
    except OverflowError:
        odd = float(b).is_integer() and int(b) % 2 == 1
        return -INF if (a < 0 and odd) else INF
    except ValueError:  # 0 to a negative power, or a negative base to a fraction
        if a == 0:
            odd = float(b).is_integer() and int(b) % 2 == 1
            return math.copysign(INF, a) if odd else INF
        return NAN


# ---------------------------------------------------------------------------------------------------
# The engine's random numbers: xoshiro256** (Blackman & Vigna) seeded through splitmix64, and a
# Box–Muller normal that keeps its second value for the next call.
MASK = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Rng:
    def __init__(self, seed):
        z = seed & MASK
        self.s = []
        for _ in range(4):
            z = (z + 0x9E3779B97F4A7C15) & MASK
            r = z
            r = ((r ^ (r >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            r = ((r ^ (r >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(r ^ (r >> 31))
        self.spare = None

    def next_u64(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next_u64() >> 11) * 2.0 ** -53

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        u1 = self.uniform()
        while u1 <= 0:
            u1 = self.uniform()
        u2 = self.uniform()
        r = math.sqrt(-2.0 * math.log(u1))
        a = 6.283185307179586 * u2
        self.spare = r * math.sin(a)
        return r * math.cos(a)


# ---------------------------------------------------------------------------------------------------
# Learning-rate schedules: the factor multiplying lr at update t (1, 2, …).
def schedule_factor(s, t):
    td = float(t)
    warmup = s["warmup"]
    if warmup > 0 and td <= warmup:
        return max(td, 0.0) / warmup
    steps = max(td - warmup - 1, 0.0)  # updates since the warm-up ended
    kind = s["type"]
    if kind == "step":
        return fpow(s["gamma"], math.floor(steps / s["step_size"]))
    if kind == "exponential":
        return fpow(s["gamma"], steps)
    if kind == "cosine":
        m = s["min_factor"]
        return m + (1 - m) * (1 + math.cos(math.pi * min(steps, s["total"]) / s["total"])) / 2
    return 1.0


# ---------------------------------------------------------------------------------------------------
# The update rules. Each is a torch.optim.Optimizer whose step(lr) takes the scheduled learning rate;
# hyper-parameters live in param_groups[0] and may change between steps. Each line is one rounding,
# in the engine's order, so the numbers agree to the last bit in float64.
class LabOptimizer(torch.optim.Optimizer):
    def __init__(self, params, hypers):
        super().__init__(params, dict(hypers))
        self.t = 0

    @torch.no_grad()
    def step(self, lr):
        self.t += 1
        group = self.param_groups[0]
        self.begin(group, lr)
        for p in group["params"]:
            if p.grad is not None:
                self.update(p, p.grad, self.state[p], group)

    def begin(self, h, lr):
        self.lr = lr


def zeros(p):
    return torch.zeros_like(p)


class SGD(LabOptimizer):
    def update(self, theta, g, state, h):
        if h["weight_decay"] == 0:
            theta.sub_(self.lr * g)
        else:
            theta.sub_(self.lr * (g + h["weight_decay"] * theta))


class Momentum(LabOptimizer):  # v ← β·v − lr·g;  θ ← θ + v
    def update(self, theta, g, state, h):
        v = state.setdefault("v", zeros(theta))
        g = g + h["weight_decay"] * theta
        v.copy_(h["beta"] * v - self.lr * g)
        theta.add_(v)


class Nesterov(LabOptimizer):  # v ← β·v − lr·g;  θ ← θ + β·v − lr·g
    def update(self, theta, g, state, h):
        v = state.setdefault("v", zeros(theta))
        g = g + h["weight_decay"] * theta
        step = self.lr * g
        v.copy_(h["beta"] * v - step)
        theta.add_(h["beta"] * v - step)


class Adagrad(LabOptimizer):  # G ← G + g²;  θ ← θ − lr·g/(√G + ε)
    def update(self, theta, g, state, h):
        G = state.setdefault("G", zeros(theta))
        g = g + h["weight_decay"] * theta
        G.add_(g * g)
        theta.sub_(self.lr * g / (torch.sqrt(G) + h["eps"]))


class RMSprop(LabOptimizer):  # G ← β·G + (1 − β)·g²;  θ ← θ − lr·g/(√G + ε)
    def update(self, theta, g, state, h):
        G = state.setdefault("G", zeros(theta))
        g = g + h["weight_decay"] * theta
        G.copy_(h["beta"] * G + (1 - h["beta"]) * g * g)
        theta.sub_(self.lr * g / (torch.sqrt(G) + h["eps"]))


class Adadelta(LabOptimizer):  # Δ = √(E[Δ²] + ε)/√(E[g²] + ε)·g
    def update(self, theta, g, state, h):
        Eg2 = state.setdefault("Eg2", zeros(theta))
        Edx2 = state.setdefault("Edx2", zeros(theta))
        rho, c = h["rho"], 1 - h["rho"]
        g = g + h["weight_decay"] * theta
        Eg2.copy_(rho * Eg2 + c * g * g)
        dx = torch.sqrt(Edx2 + h["eps"]) / torch.sqrt(Eg2 + h["eps"]) * g
        Edx2.copy_(rho * Edx2 + c * dx * dx)
        theta.sub_(self.lr * dx)


class Adam(LabOptimizer):
    """m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  θ ← θ − lr·m̂/(√v̂ + ε), with m̂ = m/(1 − β1ᵗ) and
    v̂ = v/(1 − β2ᵗ), arranged as (lr/(1 − β1ᵗ))·m/(√v·(1/√(1 − β2ᵗ)) + ε), as PyTorch does."""

    def begin(self, h, lr):
        t = float(self.t)
        bc1 = 1 - fpow(h["beta1"], t) if h["bias_correction"] else 1.0
        bc2 = 1 - fpow(h["beta2"], t) if h["bias_correction"] else 1.0
        self.lr = lr
        self.step_size = lr / bc1
        self.s = 1 / math.sqrt(bc2)

    def moments(self, theta, g, state, h):
        m = state.setdefault("m", zeros(theta))
        v = state.setdefault("v", zeros(theta))
        m.copy_(h["beta1"] * m + (1 - h["beta1"]) * g)
        v.copy_(h["beta2"] * v + (1 - h["beta2"]) * g * g)
        return m, v

    def update(self, theta, g, state, h):
        m, v = self.moments(theta, g + h["weight_decay"] * theta, state, h)
        theta.sub_(self.step_size * m / (torch.sqrt(v) * self.s + h["eps"]))


class AdamW(Adam):  # decoupled weight decay: θ ← θ·(1 − lr·λ) − the Adam step
    def update(self, theta, g, state, h):
        m, v = self.moments(theta, g, state, h)
        decay = 1 - self.lr * h["weight_decay"]
        theta.copy_(theta * decay - self.step_size * m / (torch.sqrt(v) * self.s + h["eps"]))


class AMSGrad(Adam):  # v̂ from the running maximum of v
    def update(self, theta, g, state, h):
        m, v = self.moments(theta, g + h["weight_decay"] * theta, state, h)
        vmax = state.setdefault("vmax", zeros(theta))
        vmax.copy_(torch.where(vmax < v, v, vmax))
        theta.sub_(self.step_size * m / (torch.sqrt(vmax) * self.s + h["eps"]))


class NAdam(LabOptimizer):  # Dozat's Nesterov Adam with PyTorch's momentum schedule μ_t
    def __init__(self, params, hypers):
        super().__init__(params, hypers)
        self.mu_product = 1.0

    def begin(self, h, lr):
        t = float(self.t)
        b1, md = h["beta1"], h["momentum_decay"]
        mu = b1 * (1 - 0.5 * fpow(0.96, t * md))
        mu_next = b1 * (1 - 0.5 * fpow(0.96, (t + 1) * md))
        self.mu_product *= mu
        bc2 = 1 - fpow(h["beta2"], t)
        self.step_g = lr * (1 - mu) / (1 - self.mu_product)
        self.step_m = lr * mu_next / (1 - self.mu_product * mu_next)
        self.s = 1 / math.sqrt(bc2)

    def update(self, theta, g, state, h):
        m = state.setdefault("m", zeros(theta))
        v = state.setdefault("v", zeros(theta))
        g = g + h["weight_decay"] * theta
        m.copy_(h["beta1"] * m + (1 - h["beta1"]) * g)
        v.copy_(h["beta2"] * v + (1 - h["beta2"]) * g * g)
        d = torch.sqrt(v) * self.s + h["eps"]
        theta.copy_(theta - self.step_g * g / d - self.step_m * m / d)


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "nesterov": Nesterov, "adagrad": Adagrad, "rmsprop": RMSprop,
              "adadelta": Adadelta, "adam": Adam, "adamw": AdamW, "amsgrad": AMSGrad, "nadam": NAdam}
