#!/usr/bin/env python3
"""PyTorch side of bench/depthwiseConv.ts: median ms of forward + backward (input and filter
gradients, from a fixed random upstream gradient) of a 3x3 depthwise convolution (groups =
channels, padding 1), 1 thread.
Usage: peer_depthwise_conv.py BATCH REPEAT '[[size, channels, stride], ...]'"""
import json, sys, time
from peer_threads import torch_with_threads

torch = torch_with_threads(1)
import torch.nn.functional as F  # noqa: E402 (torch is loaded above, held to one thread)
batch, repeat, cases = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])


def median_ms(size, channels, stride):
    x = torch.randn(batch, channels, size, size, requires_grad=True)
    w = (torch.randn(channels, 1, 3, 3) * 0.3).requires_grad_()

    dy = torch.randn_like(F.conv2d(x, w, stride=stride, padding=1, groups=channels))

    def once():
        F.conv2d(x, w, stride=stride, padding=1, groups=channels).backward(dy)
    once()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter(); once(); times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]


print(json.dumps([round(median_ms(*c), 2) for c in cases]))
