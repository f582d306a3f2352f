#!/usr/bin/env python3
"""Peer benchmark: PyTorch on the CPU, same models and data as the project's own benchmark.

Setup (Debian): apt-get install -y python3-torch libopenblas0-pthread dataset-fashion-mnist
Run:   /usr/bin/python3 bench/peer_torch.py --model mlp --samples 20000   (or npm run bench -- --peer)
Prints one JSON line: {"peer": "pytorch", "model": ..., "samples_per_s": ...}

Models (bench/trainThroughput.ts builds the same ones):
  mlp: 784-256-128-10, ReLU
  cnn: conv3x3(1->16) ReLU maxpool2, conv3x3(16->32) ReLU maxpool2, flatten, dense(800->10)
Training: cross-entropy, batch 128, Adam lr 1e-3 (or --optimizer sgd: lr 0.01 momentum 0.9),
one pass over the first --samples training images after one warm-up batch.
"""
import argparse, gzip, json, os, time
import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument('--model', choices=['mlp', 'cnn'], default='mlp')
p.add_argument('--samples', type=int, default=20000)
p.add_argument('--batch', type=int, default=128)
p.add_argument('--optimizer', choices=['adam', 'sgd'], default='adam')
p.add_argument('--threads', type=int, default=1)
p.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

def idx(name, offset):
    path = os.path.join(a.data, name)
    raw = gzip.open(path + '.gz').read() if os.path.exists(path + '.gz') else open(path, 'rb').read()
    return np.frombuffer(raw, dtype=np.uint8, offset=offset)

x = torch.tensor(idx('train-images-idx3-ubyte', 16).reshape(-1, 784)[:a.samples], dtype=torch.float32) / 255
y = torch.tensor(idx('train-labels-idx1-ubyte', 8)[:a.samples], dtype=torch.long)
nn = torch.nn
if a.model == 'mlp':
    m = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
else:
    m = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(800, 10))
opt = torch.optim.Adam(m.parameters(), 1e-3) if a.optimizer == 'adam' else torch.optim.SGD(m.parameters(), 0.01, momentum=0.9)

def step(xb, yb):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(m(xb), yb)
    loss.backward()
    opt.step()
    return loss

step(x[:a.batch], y[:a.batch])  # warm-up
t0 = time.perf_counter()
for i in range(0, a.samples, a.batch):
    loss = step(x[i:i + a.batch], y[i:i + a.batch])
dt = time.perf_counter() - t0
print(json.dumps({'peer': 'pytorch', 'version': torch.__version__, 'model': a.model, 'optimizer': a.optimizer,
                  'batch': a.batch, 'samples': a.samples, 'threads': a.threads, 'seconds': round(dt, 3),
                  'samples_per_s': round(a.samples / dt, 1), 'final_loss': round(loss.item(), 4)}))
