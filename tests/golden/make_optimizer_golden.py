"""Golden vectors for the optimizers of shared/ml/optim, computed with PyTorch.

Run with `/usr/bin/python3 tests/golden/make_optimizer_golden.py`; it writes optimizers.json beside it.
Every case starts from the same fixed parameters and applies the same fixed sequence of gradients
(one parameter has no gradient at one step, so per-parameter step counts are exercised); the
parameters after each step are recorded. Built-in torch.optim classes are the reference where
PyTorch has the optimizer; the others (MAS and its variants, AdaBelief, ...) are written out below
from their papers, independently of the TypeScript code.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float32)
STEPS = 6
GRAD_SCALE = [1.0, 0.3, 2.0, 0.1, 1.5, 0.5]
SHAPES = {"w": (3, 4), "b": (4,)}
MISSING = {(3, "b")}  # (0-based step, parameter) pairs without a gradient


def initial_params():
    gen = torch.Generator().manual_seed(1234)
    return {name: torch.randn(shape, generator=gen) * 0.5 for name, shape in SHAPES.items()}


def gradient_sequence():
    gen = torch.Generator().manual_seed(99)
    seq = []
    for step in range(STEPS):
        grads = {}
        for name, shape in SHAPES.items():
            g = torch.randn(shape, generator=gen) * GRAD_SCALE[step]
            grads[name] = None if (step, name) in MISSING else g
        seq.append(grads)
    return seq


def to_list(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------------------------------------
# torch.optim references


def torch_kwargs(cfg):
    c = dict(cfg)
    t = c.pop("type")
    k = {}
    if "lr" in c:
        k["lr"] = c.pop("lr")
    if "weightDecay" in c:
        k["weight_decay"] = c.pop("weightDecay")
    if "beta1" in c or "beta2" in c:
        default = {"adam": (0.9, 0.999), "adamw": (0.9, 0.999), "radam": (0.9, 0.999), "nadam": (0.9, 0.999), "adamax": (0.9, 0.999)}[t]
        k["betas"] = (c.pop("beta1", default[0]), c.pop("beta2", default[1]))
    rename = {
        "eps": "eps", "amsgrad": "amsgrad", "momentum": "momentum", "dampening": "dampening",
        "nesterov": "nesterov", "alpha": "alpha", "centered": "centered", "lrDecay": "lr_decay",
        "initialAccumulatorValue": "initial_accumulator_value", "momentumDecay": "momentum_decay",
        "decoupledWeightDecay": "decoupled_weight_decay",
    }
    for key, value in c.items():
        k[rename[key]] = value
    return t, k


TORCH_CLASSES = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "radam": torch.optim.RAdam,
    "nadam": torch.optim.NAdam,
    "rmsprop": torch.optim.RMSprop,
    "adagrad": torch.optim.Adagrad,
    "adamax": torch.optim.Adamax,
}


def run_torch(cfg):
    t, kwargs = torch_kwargs(cfg)
    decoupled = kwargs.pop("decoupled_weight_decay", False)
    wd = kwargs.get("weight_decay", 0.0)
    if decoupled:
        # PyTorch >= 2's decoupled_weight_decay for RAdam/NAdam: w ← w·(1 − lr·wd) before the step
        # with an undecayed gradient (written out here, since this torch may predate the option).
        kwargs["weight_decay"] = 0.0
    params = {n: p.clone().requires_grad_(True) for n, p in initial_params().items()}
    opt = TORCH_CLASSES[t](list(params.values()), **kwargs)
    out = []
    for grads in gradient_sequence():
        for n, p in params.items():
            p.grad = None if grads[n] is None else grads[n].clone()
            if decoupled and grads[n] is not None:
                with torch.no_grad():
                    p.mul_(1 - kwargs["lr"] * wd)
        opt.step()
        out.append({n: to_list(p) for n, p in params.items()})
    return out


# ---------------------------------------------------------------------------------------------
# Reference implementations written out from the papers


def run_manual(step_fn, cfg):
    """step_fn(p, g, state, t, cfg) -> new p (tensors), state a dict per parameter."""
    params = {n: p.clone() for n, p in initial_params().items()}
    states = {n: {"t": 0} for n in params}
    out = []
    for grads in gradient_sequence():
        for n in params:
            g = grads[n]
            if g is None:
                continue
            st = states[n]
            st["t"] += 1
            params[n] = step_fn(params[n], g.clone(), st, st["t"], cfg)
        out.append({n: to_list(p) for n, p in params.items()})
    return out


def sgd_part(p, g, st, cfg):
    """SGD's direction (Alg. 1 with PyTorch's momentum/dampening/nesterov), gradient already L2-decayed."""
    mu = cfg.get("momentum", 0.0)
    if mu == 0:
        return g
    damp = cfg.get("dampening", 0.0)
    if "buf" not in st:
        st["buf"] = g.clone()
    else:
        st["buf"] = mu * st["buf"] + (1 - damp) * g
    return g + mu * st["buf"] if cfg.get("nesterov", False) else st["buf"]


def adam_part(p, g, st, t, cfg):
    """Adam's direction m/denom and effective lr η/(1-β1^t) (Alg. 2 with the code's √(1-β2^t))."""
    b1, b2, eps = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg.get("eps", 1e-8)
    st.setdefault("m", torch.zeros_like(p))
    st.setdefault("v", torch.zeros_like(p))
    st["m"] = b1 * st["m"] + (1 - b1) * g
    st["v"] = b2 * st["v"] + (1 - b2) * g * g
    v = st["v"]
    if cfg.get("amsgrad", False):
        st["vmax"] = torch.maximum(st.get("vmax", v), v)
        v = st["vmax"]
    denom = v.sqrt() / math.sqrt(1 - b2 ** t) + eps
    return st["m"] / denom, cfg["lrAdam"] / (1 - b1 ** t)


def mas_parts(p, g, st, t, cfg):
    lr = cfg.get("lr", 0.01)
    c = dict(cfg)
    c.setdefault("lrAdam", lr)
    wd = cfg.get("weightDecay", 0.0)
    if wd:
        g = g + wd * p
    d_sgd = sgd_part(p, g, st.setdefault("sgd", {}), c)
    d_adam, eta_a = adam_part(p, g, st.setdefault("adam", {}), t, c)
    return d_sgd, cfg.get("lrSgd", lr), d_adam, eta_a


def mas_step(p, g, st, t, cfg):
    """Seed 000, Alg. 3 / Eq. 19: w ← w − (λs·η + λa·η_a)·(λs·d_sgd + λa·d_adam)."""
    ls, la = cfg.get("lambdaSgd", 0.5), cfg.get("lambdaAdam", 0.5)
    d_sgd, eta, d_adam, eta_a = mas_parts(p, g, st, t, cfg)
    return p - (ls * eta + la * eta_a) * (ls * d_sgd + la * d_adam)


def mas_variant_step(p, g, st, t, cfg):
    """Seed 001's variants, per tensor, from S_sgd = η·d_sgd and S_adam = η_a·d_adam, times γ."""
    variant = cfg.get("variant", "standard")
    gamma = cfg.get("gamma", 1.0)
    if variant in ("standard", "linear"):
        ls, la = cfg.get("lambdaSgd", 0.5), cfg.get("lambdaAdam", 0.5)
        d_sgd, eta, d_adam, eta_a = mas_parts(p, g, st, t, cfg)
        return p - gamma * (ls * eta + la * eta_a) * (ls * d_sgd + la * d_adam)
    d_sgd, eta, d_adam, eta_a = mas_parts(p, g, st, t, cfg)
    s_sgd, s_adam = eta * d_sgd, eta_a * d_adam
    if variant == "direction-correction":
        step = s_sgd if float((d_adam * d_sgd).sum()) > 0 else s_adam
    elif variant == "adam-normalized":
        n = d_sgd.norm()
        step = d_sgd * (s_adam.norm() / n) if float(n) > 0 else torch.zeros_like(p)
    else:
        raise ValueError(variant)
    return p - gamma * step


def adagrad_dir(p, g, st, t, c):
    st.setdefault("sum", torch.full_like(p, c.get("initialAccumulatorValue", 0.0)))
    st["sum"] = st["sum"] + g * g
    lr = c.get("lr", 0.01) / (1 + (t - 1) * c.get("lrDecay", 0.0))
    return g / (st["sum"].sqrt() + c.get("eps", 1e-10)), lr


def part_direction(p, g, st, t, c):
    """Direction and effective lr of one mixer part, gradient with the part's own L2 decay."""
    wd = c.get("weightDecay", 0.0)
    if wd:
        g = g + wd * p
    if c["type"] == "sgd":
        return sgd_part(p, g, st, c), c.get("lr", 0.01)
    if c["type"] == "adam":
        return adam_part(p, g, st, t, dict(c, lrAdam=c.get("lr", 0.001)))
    if c["type"] == "adagrad":
        return adagrad_dir(p, g, st, t, c)
    raise ValueError(c["type"])


def mixer_weights(cfg, t):
    start = [part["weight"] for part in cfg["parts"]]
    sched = cfg.get("weightSchedule")
    if sched is None:
        return start
    r = min(1.0, max(0.0, (t - 1) / sched["steps"]))
    f = r if sched.get("shape", "linear") == "linear" else (1 - math.cos(math.pi * r)) / 2
    return [a + (b - a) * f for a, b in zip(start, sched["endWeights"])]


def mixer_step(p, g, st, t, cfg):
    """K-way mix: w ← w − (Σ λk·ηk)·(Σ λk·dk)."""
    lams = mixer_weights(cfg, t)
    lr, d = 0.0, torch.zeros_like(p)
    for k, (lam, part) in enumerate(zip(lams, cfg["parts"])):
        dk, etak = part_direction(p, g, st.setdefault(k, {}), t, part["optimizer"])
        lr += lam * etak
        d = d + lam * dk
    return p - lr * d


def mas_scheduled_step(p, g, st, t, cfg):
    sched = cfg["lambdaSchedule"]
    r = min(1.0, max(0.0, (t - 1) / sched["steps"]))
    ls = cfg["lambdaSgd"] + (sched["lambdaSgdEnd"] - cfg["lambdaSgd"]) * r
    la = cfg["lambdaAdam"] + (sched["lambdaAdamEnd"] - cfg["lambdaAdam"]) * r
    d_sgd, eta, d_adam, eta_a = mas_parts(p, g, st, t, cfg)
    return p - (ls * eta + la * eta_a) * (ls * d_sgd + la * d_adam)


def mas_any(p, g, st, t, cfg):
    if "lambdaSchedule" in cfg:
        return mas_scheduled_step(p, g, st, t, cfg)
    if cfg.get("variant", "standard") != "standard":
        return mas_variant_step(p, g, st, t, cfg)
    return mas_step(p, g, st, t, cfg)


def eps_in_variance_step(second, outer_eps):
    """AdaBelief / AdaMomentum / EAdam as seed 003's Table 5: s = β2·s + (1−β2)·x² + ε."""
    def step(p, g, st, t, cfg):
        b1, b2, eps, lr = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg["eps"], cfg.get("lr", 0.001)
        wd = cfg.get("weightDecay", 0.0)
        if wd and cfg.get("decoupledWeightDecay", False):
            p = p * (1 - lr * wd)
        elif wd:
            g = g + wd * p
        m = st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * g
        x = {"residual": g - m, "momentum": m, "gradient": g}[second]
        s = st["s"] = b2 * st.get("s", torch.zeros_like(p)) + (1 - b2) * x * x + eps
        s_hat = s / (1 - b2 ** t)
        m_hat = m / (1 - b1 ** t)
        return p - lr * m_hat / (s_hat.sqrt() + (eps if outer_eps else 0.0))
    return step


def diffgrad_step(p, g, st, t, cfg):
    """DiffGrad: ξ = sigmoid(|g_{t-1} − g_t|), w ← w − η·ξ·m̂ / (√v̂ + ε)."""
    b1, b2, eps, lr = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg.get("eps", 1e-8), cfg.get("lr", 0.001)
    if cfg.get("weightDecay", 0.0):
        g = g + cfg["weightDecay"] * p
    m = st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * g
    v = st["v"] = b2 * st.get("v", torch.zeros_like(p)) + (1 - b2) * g * g
    xi = 1 / (1 + torch.exp(-(st.get("prev", torch.zeros_like(p)) - g).abs()))
    st["prev"] = g.clone()
    return p - lr * xi * (m / (1 - b1 ** t)) / ((v / (1 - b2 ** t)).sqrt() + eps)


def adamod_step(p, g, st, t, cfg):
    """AdaMod, Alg. 1: n = η/(√v̂+ε), s = β3·s + (1−β3)·n, w ← w − min(n, s)·m̂."""
    b1, b2, b3 = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg.get("beta3", 0.999)
    eps, lr = cfg.get("eps", 1e-8), cfg.get("lr", 0.001)
    if cfg.get("weightDecay", 0.0):
        g = g + cfg["weightDecay"] * p
    m = st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * g
    v = st["v"] = b2 * st.get("v", torch.zeros_like(p)) + (1 - b2) * g * g
    n = lr / ((v / (1 - b2 ** t)).sqrt() + eps)
    s = st["s"] = b3 * st.get("s", torch.zeros_like(p)) + (1 - b3) * n
    return p - torch.minimum(n, s) * (m / (1 - b1 ** t))


def madgrad_step(p, g, st, t, cfg):
    """MADGRAD (the authors' madgrad.py, k = t − 1): λ = η·√(k+1), dual averaging with ∛ denominator."""
    lr, mom, eps = cfg.get("lr", 0.01), cfg.get("momentum", 0.9), cfg.get("eps", 1e-6)
    if cfg.get("weightDecay", 0.0):
        g = g + cfg["weightDecay"] * p
    x0 = st.setdefault("x0", p.clone())
    lamb = lr * math.sqrt(t)
    st["nu"] = st.get("nu", torch.zeros_like(p)) + lamb * g * g
    st["s"] = st.get("s", torch.zeros_like(p)) + lamb * g
    z = x0 - st["s"] / (st["nu"].pow(1 / 3) + eps)
    ck = 1 - mom
    return (1 - ck) * p + ck * z


def swats_step(p, g, st, t, cfg):
    """SWATS (Keskar & Socher 2017, Alg. 1) applied to each tensor alone (switchScope per-tensor)."""
    b1, b2, eps, lr = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg.get("eps", 1e-8), cfg.get("lr", 0.001)
    tol = cfg.get("switchTolerance", 1e-9)
    if cfg.get("weightDecay", 0.0):
        g = g + cfg["weightDecay"] * p
    if st.get("phase") == "sgd":
        st["v"] = b1 * st.get("v", torch.zeros_like(p)) + g
        return p - (1 - b1) * st["Lambda"] * st["v"]
    m = st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * g
    a = st["a"] = b2 * st.get("a", torch.zeros_like(p)) + (1 - b2) * g * g
    pk = -lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t) * m / (a.sqrt() + eps)
    pg = float((pk.double() * g.double()).sum())
    if pg != 0:
        gamma = float((pk.double() * pk.double()).sum()) / -pg
        st["lam"] = b2 * st.get("lam", 0.0) + (1 - b2) * gamma
        if t > 1 and abs(st["lam"] / (1 - b2 ** t) - gamma) < tol:
            st["phase"] = "sgd"
            st["Lambda"] = st["lam"] / (1 - b2 ** t)
    return p + pk


def nadam_step(p, g, st, t, cfg):
    """torch.optim.NAdam as PyTorch >= 2.0 computes it. (torch 1.13 multiplied μt twice into
    the second product, 1 − Πt·μt·μt+1; that was corrected in 2.0, so it is written out here.)"""
    b1, b2, eps, lr = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg.get("eps", 1e-8), cfg.get("lr", 0.002)
    psi, wd = cfg.get("momentumDecay", 0.004), cfg.get("weightDecay", 0.0)
    if wd and cfg.get("decoupledWeightDecay", False):
        p = p * (1 - lr * wd)
    elif wd:
        g = g + wd * p
    mu = b1 * (1.0 - 0.5 * (0.96 ** (t * psi)))
    mu_next = b1 * (1.0 - 0.5 * (0.96 ** ((t + 1) * psi)))
    st["mu_product"] = st.get("mu_product", 1.0) * mu
    mu_product_next = st["mu_product"] * mu_next
    m = st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * g
    v = st["v"] = b2 * st.get("v", torch.zeros_like(p)) + (1 - b2) * g * g
    denom = (v / (1 - b2 ** t)).sqrt() + eps
    p = p - lr * (1.0 - mu) / (1.0 - st["mu_product"]) * g / denom
    return p - lr * mu_next / (1.0 - mu_product_next) * m / denom


def lion_step(p, g, st, t, cfg):
    """Lion (Chen et al. 2023, Alg. 2; lucidrains' lion-pytorch): c = β1·m + (1−β1)·g,
    w ← w − η·(sign(c) + wd·w), m = β2·m + (1−β2)·g."""
    b1, b2, lr, wd = cfg.get("beta1", 0.9), cfg.get("beta2", 0.99), cfg.get("lr", 1e-4), cfg.get("weightDecay", 0.0)
    m = st.get("m", torch.zeros_like(p))
    p = p * (1 - lr * wd)
    p = p - lr * torch.sign(b1 * m + (1 - b1) * g)
    st["m"] = b2 * m + (1 - b2) * g
    return p


MANUAL = {
    "nadam": nadam_step,
    "mas": mas_any,
    "mixer": mixer_step,
    "adabelief": eps_in_variance_step("residual", True),
    "adamomentum": eps_in_variance_step("momentum", False),
    "eadam": eps_in_variance_step("gradient", False),
    "diffgrad": diffgrad_step,
    "adamod": adamod_step,
    "madgrad": madgrad_step,
    "swats": swats_step,
    "lion": lion_step,
}


def run_swats_global(cfg):
    """SWATS, Alg. 1 with w the whole parameter vector: pᵀp and pᵀg summed over all parameters of
    the step, one λ, one switch, one Λ (k counts the steps)."""
    b1, b2, eps, lr = cfg.get("beta1", 0.9), cfg.get("beta2", 0.999), cfg.get("eps", 1e-8), cfg.get("lr", 0.001)
    tol = cfg.get("switchTolerance", 1e-9)
    params = {n: p.clone() for n, p in initial_params().items()}
    states = {n: {"t": 0} for n in params}
    shared = {"phase": "adam", "lam": 0.0, "k": 0}
    out = []
    for grads in gradient_sequence():
        pp, pg = 0.0, 0.0
        for n in params:
            g = grads[n]
            if g is None:
                continue
            st = states[n]
            st["t"] += 1
            t = st["t"]
            p = params[n]
            if cfg.get("weightDecay", 0.0):
                g = g + cfg["weightDecay"] * p
            if shared["phase"] == "sgd":
                st["v"] = b1 * st.get("v", torch.zeros_like(p)) + g
                params[n] = p - (1 - b1) * shared["Lambda"] * st["v"]
                continue
            m = st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * g
            a = st["a"] = b2 * st.get("a", torch.zeros_like(p)) + (1 - b2) * g * g
            pk = -lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t) * m / (a.sqrt() + eps)
            pp += float((pk.double() * pk.double()).sum())
            pg += float((pk.double() * g.double()).sum())
            params[n] = p + pk
        if shared["phase"] == "adam":
            shared["k"] += 1
            k = shared["k"]
            if pg != 0:
                gamma = pp / -pg
                shared["lam"] = b2 * shared["lam"] + (1 - b2) * gamma
                if k > 1 and abs(shared["lam"] / (1 - b2 ** k) - gamma) < tol:
                    shared["phase"] = "sgd"
                    shared["Lambda"] = shared["lam"] / (1 - b2 ** k)
        out.append({n: to_list(p) for n, p in params.items()})
    return out


def run_case(cfg):
    if cfg["type"] == "swats" and cfg.get("switchScope", "global") == "global":
        return run_swats_global(cfg)
    return run_manual(MANUAL[cfg["type"]], cfg) if cfg["type"] in MANUAL else run_torch(cfg)


CASES = [
    ("sgd plain", {"type": "sgd", "lr": 0.1}),
    ("sgd weight decay", {"type": "sgd", "lr": 0.05, "weightDecay": 0.1}),
    ("sgd momentum", {"type": "sgd", "lr": 0.05, "momentum": 0.9}),
    ("sgd momentum dampening", {"type": "sgd", "lr": 0.05, "momentum": 0.9, "dampening": 0.3, "weightDecay": 0.01}),
    ("sgd nesterov weight decay", {"type": "sgd", "lr": 0.05, "momentum": 0.8, "nesterov": True, "weightDecay": 0.05}),
    ("adam default", {"type": "adam", "lr": 0.01}),
    ("adam weight decay betas", {"type": "adam", "lr": 0.02, "beta1": 0.8, "beta2": 0.95, "eps": 1e-6, "weightDecay": 0.1}),
    ("adam amsgrad", {"type": "adam", "lr": 0.01, "amsgrad": True, "beta2": 0.9}),
    ("mas default", {"type": "mas", "lr": 0.01}),
    ("mas momentum nesterov wd", {"type": "mas", "lr": 0.01, "momentum": 0.9, "nesterov": True, "weightDecay": 0.05, "lambdaAdam": 0.3, "lambdaSgd": 0.7}),
    ("mas dampening amsgrad", {"type": "mas", "lr": 0.02, "momentum": 0.95, "dampening": 0.5, "amsgrad": True, "beta2": 0.9}),
    ("mas separate lrs unnormalised lambdas", {"type": "mas", "lr": 0.01, "lrSgd": 0.1, "lrAdam": 0.001, "lambdaAdam": 0.8, "lambdaSgd": 0.6}),
    ("mas pure adam", {"type": "mas", "lr": 0.01, "lambdaAdam": 1.0, "lambdaSgd": 0.0}),
    ("mas pure sgd momentum", {"type": "mas", "lr": 0.05, "momentum": 0.9, "lambdaAdam": 0.0, "lambdaSgd": 1.0}),
    ("adamw", {"type": "adamw", "lr": 0.01, "weightDecay": 0.1}),
    ("adamw amsgrad betas", {"type": "adamw", "lr": 0.01, "weightDecay": 0.05, "amsgrad": True, "beta1": 0.8, "beta2": 0.9}),
    ("radam", {"type": "radam", "lr": 0.01}),
    ("radam rectified early (beta2 0.9) l2", {"type": "radam", "lr": 0.01, "beta2": 0.9, "weightDecay": 0.1}),
    ("radam decoupled", {"type": "radam", "lr": 0.01, "beta2": 0.9, "weightDecay": 0.1, "decoupledWeightDecay": True}),
    ("nadam", {"type": "nadam", "lr": 0.01}),
    ("nadam l2 momentum decay", {"type": "nadam", "lr": 0.01, "weightDecay": 0.1, "momentumDecay": 0.01, "beta2": 0.9}),
    ("nadam decoupled", {"type": "nadam", "lr": 0.01, "weightDecay": 0.1, "decoupledWeightDecay": True}),
    ("rmsprop", {"type": "rmsprop", "lr": 0.01}),
    ("rmsprop centered", {"type": "rmsprop", "lr": 0.01, "centered": True, "alpha": 0.9}),
    ("rmsprop momentum wd", {"type": "rmsprop", "lr": 0.01, "momentum": 0.9, "weightDecay": 0.05}),
    ("rmsprop centered momentum", {"type": "rmsprop", "lr": 0.005, "momentum": 0.5, "centered": True, "eps": 1e-6}),
    ("adagrad", {"type": "adagrad", "lr": 0.1}),
    ("adagrad lr decay init acc wd", {"type": "adagrad", "lr": 0.1, "lrDecay": 0.1, "initialAccumulatorValue": 0.5, "weightDecay": 0.05, "eps": 1e-8}),
    ("adabelief", {"type": "adabelief", "lr": 0.01, "eps": 1e-16}),
    ("adabelief eps 1e-8 l2", {"type": "adabelief", "lr": 0.01, "eps": 1e-8, "weightDecay": 0.1}),
    ("adabelief decoupled", {"type": "adabelief", "lr": 0.01, "eps": 1e-12, "weightDecay": 0.1, "decoupledWeightDecay": True}),
    ("adamomentum", {"type": "adamomentum", "lr": 0.01, "eps": 1e-8}),
    ("adamomentum large eps", {"type": "adamomentum", "lr": 0.01, "eps": 1e-3, "beta2": 0.99}),
    ("eadam", {"type": "eadam", "lr": 0.01, "eps": 1e-8}),
    ("eadam wd", {"type": "eadam", "lr": 0.01, "eps": 1e-6, "weightDecay": 0.05}),
    ("diffgrad", {"type": "diffgrad", "lr": 0.01}),
    ("diffgrad wd", {"type": "diffgrad", "lr": 0.01, "weightDecay": 0.1, "beta1": 0.8}),
    ("adamod", {"type": "adamod", "lr": 0.01}),
    ("adamod beta3 0.5", {"type": "adamod", "lr": 0.01, "beta3": 0.5, "weightDecay": 0.01}),
    ("madgrad", {"type": "madgrad", "lr": 0.01}),
    ("madgrad no momentum wd", {"type": "madgrad", "lr": 0.01, "momentum": 0.0, "weightDecay": 0.05}),
    ("swats no switch", {"type": "swats", "lr": 0.01}),
    ("swats per tensor switches (w at step 2, b at step 5)", {"type": "swats", "lr": 0.01, "switchTolerance": 0.03, "switchScope": "per-tensor"}),
    ("swats global switches", {"type": "swats", "lr": 0.01, "switchTolerance": 0.03}),
    ("mas linear gamma", {"type": "mas", "lr": 0.01, "variant": "linear", "gamma": 0.6, "momentum": 0.9}),
    ("mas direction correction", {"type": "mas", "lr": 0.01, "variant": "direction-correction", "momentum": 0.9}),
    ("mas adam normalized", {"type": "mas", "lr": 0.01, "variant": "adam-normalized", "gamma": 0.6, "weightDecay": 0.01}),
    ("mas lambda schedule", {"type": "mas", "lr": 0.01, "lambdaAdam": 0.9, "lambdaSgd": 0.1, "lambdaSchedule": {"shape": "linear", "lambdaAdamEnd": 0.2, "lambdaSgdEnd": 0.8, "steps": 4}}),
    ("adamax", {"type": "adamax", "lr": 0.01}),
    ("adamax betas eps wd", {"type": "adamax", "lr": 0.02, "beta1": 0.8, "beta2": 0.9, "eps": 1e-3, "weightDecay": 0.1}),
    ("lion", {"type": "lion", "lr": 0.01}),
    ("lion betas wd", {"type": "lion", "lr": 0.005, "beta1": 0.8, "beta2": 0.95, "weightDecay": 0.5}),
    ("mixer sgd adam adagrad", {"type": "mixer", "parts": [
        {"weight": 0.5, "optimizer": {"type": "sgd", "lr": 0.05, "momentum": 0.9}},
        {"weight": 0.3, "optimizer": {"type": "adam", "lr": 0.01, "weightDecay": 0.01}},
        {"weight": 0.2, "optimizer": {"type": "adagrad", "lr": 0.1, "lrDecay": 0.05}}]}),
    ("mixer cosine weight schedule", {"type": "mixer", "parts": [
        {"weight": 1.0, "optimizer": {"type": "adam", "lr": 0.01}},
        {"weight": 0.0, "optimizer": {"type": "sgd", "lr": 0.1}}],
        "weightSchedule": {"shape": "cosine", "endWeights": [0.0, 1.0], "steps": 5}}),
]


def main():
    init = initial_params()
    seq = gradient_sequence()
    doc = {
        "generator": f"tests/golden/make_optimizer_golden.py with torch {torch.__version__}",
        "steps": STEPS,
        "params": {n: {"shape": list(p.shape), "values": to_list(p)} for n, p in init.items()},
        "grads": [{n: (None if g is None else to_list(g)) for n, g in step.items()} for step in seq],
        "cases": [{"name": name, "config": cfg, "expected": run_case(cfg)} for name, cfg in CASES],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(CASES)} cases to {path}")


if __name__ == "__main__":
    main()
