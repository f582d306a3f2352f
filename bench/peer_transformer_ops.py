#!/usr/bin/env python3
"""PyTorch side of bench/transformerOps.ts: median ms of forward + backward of layer norm (eps 1e-12),
exact GELU and a 768 -> 3072 linear layer, 1 thread, backward from a fixed random upstream gradient. Usage: peer_transformer_ops.py ROWS REPEAT"""
import json, sys, time
from peer_threads import torch_with_threads

torch = torch_with_threads(1)
import torch.nn.functional as F  # noqa: E402 (torch is loaded above, held to one thread)
rows, repeat = int(sys.argv[1]), int(sys.argv[2])
hidden, intermediate = 768, 3072
x = torch.randn(rows, hidden, requires_grad=True)
h = torch.randn(rows, intermediate, requires_grad=True)
gamma = (torch.randn(hidden) + 1).requires_grad_()
beta = torch.randn(hidden, requires_grad=True)
w = (torch.randn(intermediate, hidden) / hidden ** 0.5).requires_grad_()
b = torch.zeros(intermediate, requires_grad=True)
ops = {
    'layer_norm': lambda: F.layer_norm(x, (hidden,), gamma, beta, 1e-12),
    'gelu': lambda: F.gelu(h),
    'dense': lambda: F.linear(x, w, b),
}


def median_ms(f):
    dy = torch.randn_like(f())

    def once():
        f().backward(dy)
    once()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter(); once(); times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]


print(json.dumps({name: round(median_ms(f), 2) for name, f in ops.items()}))
