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
        default = {"adam": (0.9, 0.999), "adamw": (0.9, 0.999), "radam": (0.9, 0.999), "nadam": (0.9, 0.999)}[t]
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
}


def run_torch(cfg):
    t, kwargs = torch_kwargs(cfg)
    if t == "adamw" and "weight_decay" not in kwargs:
        kwargs["weight_decay"] = 0.0  # our AdamW default is 0.01 like torch; keep explicit below
    params = {n: p.clone().requires_grad_(True) for n, p in initial_params().items()}
    opt = TORCH_CLASSES[t](list(params.values()), **kwargs)
    out = []
    for grads in gradient_sequence():
        for n, p in params.items():
            p.grad = None if grads[n] is None else grads[n].clone()
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


MANUAL = {"mas": mas_step}


def run_case(cfg):
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
