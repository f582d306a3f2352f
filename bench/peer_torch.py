#!/usr/bin/env python3
"""Peer benchmark: PyTorch on the CPU, same models and data as the project's own benchmark.

Setup (Debian): apt-get install -y python3-torch libopenblas0-pthread dataset-fashion-mnist
Run:   /usr/bin/python3 bench/peer_torch.py --model mlp --samples 20000   (or npm run bench -- --peer)
Prints one JSON line: {"peer": "pytorch", "model": ..., "samples_per_s": ...}

Models (bench/support/benchTraining.ts builds the same ones with the project's model library):
  mlp: 784-256-128-10, ReLU
  cnn: conv3x3(1->16) ReLU maxpool2, conv3x3(16->32) ReLU maxpool2, flatten, dense(800->10)
  resnet: ResNet-18, CIFAR form (3x3 stem, no max pool), base width --width (64 = full), batch norm
--init FILE.json (with FILE.bin beside it) starts from the project's initial weights, by parameter
name (tfjs layouts: dense [in, out], conv [kh, kw, in, out], channels-last flattening), so that both
sides train the same network on the same batches and end at the same loss.
Training: cross-entropy, batch 128, Adam lr 1e-3 (or --optimizer sgd: lr 0.01 momentum 0.9),
one timed pass over the first --samples training images after --warmup untimed steps on its first
batches (the project's benchmark passes its own count, so both sides train the same steps).
"""
import argparse, gzip, json, os, time
from peer_threads import openblas_core, torch_with_threads

p = argparse.ArgumentParser()
p.add_argument('--model', choices=['mlp', 'cnn', 'resnet'], default='mlp')
p.add_argument('--samples', type=int, default=20000)
p.add_argument('--batch', type=int, default=128)
p.add_argument('--width', type=int, default=64)
p.add_argument('--optimizer', choices=['adam', 'sgd'], default='adam')
p.add_argument('--threads', type=int, default=1)
p.add_argument('--init', default=None)
p.add_argument('--warmup', type=int, default=10)
p.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
a = p.parse_args()
torch = torch_with_threads(a.threads)
import numpy as np  # noqa: E402 (after the thread count is set: numpy loads the same OpenBLAS)
torch.manual_seed(0)

def idx(name, offset):
    path = os.path.join(a.data, name)
    raw = gzip.open(path + '.gz').read() if os.path.exists(path + '.gz') else open(path, 'rb').read()
    return np.frombuffer(raw, dtype=np.uint8, offset=offset)

x = torch.tensor(idx('train-images-idx3-ubyte', 16).reshape(-1, 784)[:a.samples], dtype=torch.float32) / 255
y = torch.tensor(idx('train-labels-idx1-ubyte', 8)[:a.samples], dtype=torch.long)
nn = torch.nn


class BasicBlock(nn.Module):
    def __init__(self, inc, c, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inc, c, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
        self.shortcut = None
        if stride != 1 or inc != c:
            self.shortcut = nn.Sequential(nn.Conv2d(inc, c, 1, stride, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + (x if self.shortcut is None else self.shortcut(x)))


class ResNet18(nn.Module):
    def __init__(self, width):
        super().__init__()
        w = lambda c: max(1, round(c * width / 64))
        self.conv = nn.Conv2d(1, w(64), 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(w(64))
        blocks, inc = [], w(64)
        for s, c in enumerate([64, 128, 256, 512]):
            for b in range(2):
                blocks.append(BasicBlock(inc, w(c), 2 if s > 0 and b == 0 else 1))
                inc = w(c)
        self.blocks = nn.Sequential(*blocks)
        self.output = nn.Linear(inc, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x.view(-1, 1, 28, 28))))
        return self.output(self.blocks(x).mean((2, 3)))

    def named_like_project(self):
        """(project parameter name, torch tensor) pairs."""
        out = [('stem.conv.weight', self.conv.weight), ('stem.bn.weight', self.bn.weight), ('stem.bn.bias', self.bn.bias)]
        for i, blk in enumerate(self.blocks):
            pre = f'stage{i // 2 + 1}/block{i % 2}'
            out += [(f'{pre}.conv1.weight', blk.conv1.weight), (f'{pre}.bn1.weight', blk.bn1.weight), (f'{pre}.bn1.bias', blk.bn1.bias),
                    (f'{pre}.conv2.weight', blk.conv2.weight), (f'{pre}.bn2.weight', blk.bn2.weight), (f'{pre}.bn2.bias', blk.bn2.bias)]
            if blk.shortcut is not None:
                out += [(f'{pre}.shortcut.conv.weight', blk.shortcut[0].weight), (f'{pre}.shortcut.bn.weight', blk.shortcut[1].weight),
                        (f'{pre}.shortcut.bn.bias', blk.shortcut[1].bias)]
        return out + [('output.weight', self.output.weight), ('output.bias', self.output.bias)]


if a.model == 'mlp':
    m = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    named = [('layer0.weight', m[0].weight), ('layer0.bias', m[0].bias), ('layer1.weight', m[2].weight), ('layer1.bias', m[2].bias),
             ('output.weight', m[4].weight), ('output.bias', m[4].bias)]
elif a.model == 'cnn':
    m = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(800, 10))
    named = [('conv1.weight', m[1].weight), ('conv1.bias', m[1].bias), ('conv2.weight', m[4].weight), ('conv2.bias', m[4].bias),
             ('output.weight', m[8].weight), ('output.bias', m[8].bias)]
else:
    m = ResNet18(a.width)
    named = m.named_like_project()


def load_init(path):
    manifest = json.load(open(path))
    blob = np.fromfile(path[:-len('.json')] + '.bin', dtype='<f4')
    params = {q['name']: blob[q['offset']:q['offset'] + int(np.prod(q['shape']))].reshape(q['shape']) for q in manifest['params']}
    with torch.no_grad():
        for name, t in named:
            v = params[name]
            if v.ndim == 4:  # [kh, kw, in, out] -> [out, in, kh, kw]
                v = v.transpose(3, 2, 0, 1)
            elif v.ndim == 2 and a.model == 'cnn' and name == 'output.weight':  # rows (h, w, c) -> columns (c, h, w)
                v = v.reshape(5, 5, 32, 10).transpose(3, 2, 0, 1).reshape(10, 800)
            elif v.ndim == 2:  # [in, out] -> [out, in]
                v = v.T
            if tuple(v.shape) != tuple(t.shape):
                raise SystemExit(f'{name}: project shape {v.shape} does not fit {tuple(t.shape)}')
            t.copy_(torch.from_numpy(np.ascontiguousarray(v)))


if a.init:
    load_init(a.init)
opt = torch.optim.Adam(m.parameters(), 1e-3) if a.optimizer == 'adam' else torch.optim.SGD(m.parameters(), 0.01, momentum=0.9)

def step(xb, yb):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(m(xb), yb)
    loss.backward()
    opt.step()
    return loss

first_loss = step(x[:a.batch], y[:a.batch]).item()  # warm-up: the loss of the initial weights
for w in range(1, max(1, a.warmup)):
    s = (w * a.batch) % a.samples
    step(x[s:s + a.batch], y[s:s + a.batch])
t0 = time.perf_counter()
c0 = time.process_time()
for i in range(0, a.samples, a.batch):
    loss = step(x[i:i + a.batch], y[i:i + a.batch])
dt = time.perf_counter() - t0
cpu = time.process_time() - c0
print(json.dumps({'peer': 'pytorch', 'version': torch.__version__, 'model': a.model, 'optimizer': a.optimizer,
                  'batch': a.batch, 'samples': a.samples, 'threads': a.threads, 'seconds': round(dt, 3),
                  'samples_per_s': round(a.samples / dt, 1), 'cpu_seconds': round(cpu, 3), 'samples_per_cpu_s': round(a.samples / cpu, 1), 'first_loss': round(first_loss, 6), 'final_loss': round(loss.item(), 4),
                  'warmup': max(1, a.warmup), 'same_init': bool(a.init), 'blas_core': openblas_core()}))
