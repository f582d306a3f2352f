#!/usr/bin/env python3
"""The PyTorch half of bench/gpu: the same two models as the webgpu trainer (ResNet-18 in its CIFAR
form, as shared/ml/models/resnet.ts and pytorch-cifar; the MLP 784-256-128-10), Adam lr 1e-3,
cross-entropy, seeded random data, batch 128; one warm-up then timed steps. Prints one JSON line
per model. On CUDA unless --allow-cpu and there is no GPU (the dry run on a machine without one).
"""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument('--models', default='resnet18,mlp')
p.add_argument('--steps', type=int, default=30)
p.add_argument('--warmup', type=int, default=3)
p.add_argument('--batch', type=int, default=128)
p.add_argument('--allow-cpu', action='store_true')
a = p.parse_args()

if torch.cuda.is_available():
    device = torch.device('cuda')
    name = torch.cuda.get_device_name(0)
elif a.allow_cpu:
    device = torch.device('cpu')
    name = 'CPU (no CUDA: dry run)'
else:
    print(json.dumps({'framework': 'pytorch', 'error': 'no CUDA device (pass --allow-cpu for a dry run on the CPU)'}))
    raise SystemExit(2)
torch.manual_seed(0)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class ResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
        layers, cin = [], 64
        for s, cout in enumerate([64, 128, 256, 512]):
            for b in range(2):
                layers.append(BasicBlock(cin, cout, 2 if s > 0 and b == 0 else 1))
                cin = cout
        self.stages = nn.Sequential(*layers)
        self.output = nn.Linear(512, classes)

    def forward(self, x):
        return self.output(F.adaptive_avg_pool2d(self.stages(self.stem(x)), 1).flatten(1))


def build(model):
    if model == 'resnet18':
        return ResNet18(), (3, 32, 32)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)), (1, 28, 28)


for model_name in a.models.split(','):
    m, shape = build(model_name)
    m = m.to(device).train()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    x = torch.rand((a.batch, *shape), device=device)
    y = torch.randint(0, 10, (a.batch,), device=device)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(m(x), y)
        loss.backward()
        opt.step()
        return loss.item()  # a read back each step, as the webgpu trainer does

    for _ in range(a.warmup):
        step()
    if device.type == 'cuda':
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        loss = step()
    if device.type == 'cuda':
        torch.cuda.synchronize()
    dt = time.perf_counter() - t0
    print(json.dumps({'framework': 'pytorch', 'version': torch.__version__, 'device': name, 'model': model_name, 'batch': a.batch,
                      'steps': a.steps, 'seconds': round(dt, 3), 'samples_per_s': round(a.steps * a.batch / dt, 1),
                      'final_loss': round(loss, 4)}))
