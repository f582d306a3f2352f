#!/usr/bin/env python3
"""Golden outputs of the project's models, computed by PyTorch twins with the same weights.

Every parameter and buffer is filled from a formula of its flat index in PyTorch's layout (see
`fill`), so only inputs' formula and outputs need storing; the TypeScript test fills its own
parameters the same way, converting layouts (conv [out,in,kh,kw] -> [kh,kw,in,out], dense
[out,in] -> [in,out], NCHW flatten -> NHWC flatten).
Run: /usr/bin/python3 tests/unit/shared/ml/models/golden/make_model_golden.py  (writes modelGolden.json)
"""
import json, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def fill(t, k, kind):
    n = t.numel()
    i = torch.arange(n, dtype=torch.float64)
    s = torch.sin(0.37 * i + 1.3 * k)
    if kind == 'weight':
        fan_in = n // t.shape[0]
        v = s / math.sqrt(fan_in)
    elif kind == 'bn_weight':
        v = 1 + 0.1 * s
    elif kind == 'running_var':
        v = 1 + 0.25 * (1 + s)
    else:  # bias, bn bias, running_mean, embeddings
        v = 0.1 * s
    with torch.no_grad():
        t.copy_(v.reshape(t.shape))


def fill_model(m, bn_names=()):
    """Params in registration order (k = ordinal), then buffers (k continues)."""
    k = 0
    for name, p in m.named_parameters():
        is_bn = any(name.startswith(b + '.') for b in bn_names)
        kind = ('bn_weight' if name.endswith('weight') else 'bias') if is_bn else ('weight' if p.dim() >= 2 else 'bias')
        fill(p, k, kind)
        k += 1
    for name, b in m.named_buffers():
        if name.endswith('running_mean'):
            fill(b, k, 'bias'); k += 1
        elif name.endswith('running_var'):
            fill(b, k, 'running_var'); k += 1


def image_input(shape):
    """Input in NHWC from the formula; returned as NCHW for torch."""
    n = 1
    for d in shape:
        n *= d
    x = torch.sin(0.11 * torch.arange(n, dtype=torch.float64)).reshape(shape)
    return x.permute(0, 3, 1, 2).contiguous()


def bn_names(m):
    return [n for n, mod in m.named_modules() if isinstance(mod, nn.BatchNorm2d)]


class Mlp(nn.Module):
    def __init__(s):
        super().__init__(); s.l0 = nn.Linear(12, 7); s.l1 = nn.Linear(7, 5); s.out = nn.Linear(5, 3)
    def forward(s, x):
        x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # NHWC flatten as the project's MLP
        return s.out(torch.tanh(s.l1(torch.tanh(s.l0(x)))))


class Cnn(nn.Module):
    def __init__(s):
        super().__init__(); s.c1 = nn.Conv2d(1, 4, 3); s.c2 = nn.Conv2d(4, 6, 3); s.fc = nn.Linear(6 * 5 * 5, 10)
    def forward(s, x):
        x = F.max_pool2d(F.relu(s.c1(x)), 2); x = F.max_pool2d(F.relu(s.c2(x)), 2)
        return s.fc(torch.flatten(x, 1))


class Basic(nn.Module):
    def __init__(s, i, o, st):
        super().__init__()
        s.conv1 = nn.Conv2d(i, o, 3, st, 1, bias=False); s.bn1 = nn.BatchNorm2d(o)
        s.conv2 = nn.Conv2d(o, o, 3, 1, 1, bias=False); s.bn2 = nn.BatchNorm2d(o)
        s.short = nn.Sequential()
        if st != 1 or i != o:
            s.short = nn.Sequential(nn.Conv2d(i, o, 1, st, bias=False), nn.BatchNorm2d(o))
    def forward(s, x):
        y = s.bn2(s.conv2(F.relu(s.bn1(s.conv1(x)))))
        return F.relu(y + s.short(x))


class ResNet18(nn.Module):
    def __init__(s, w):
        super().__init__()
        c = [max(1, round(v * w)) for v in (64, 128, 256, 512)]
        s.conv = nn.Conv2d(3, c[0], 3, 1, 1, bias=False); s.bn = nn.BatchNorm2d(c[0])
        blocks = []; i = c[0]
        for st, o in enumerate(c):
            for b in range(2):
                blocks.append(Basic(i, o, 2 if st > 0 and b == 0 else 1)); i = o
        s.blocks = nn.Sequential(*blocks); s.fc = nn.Linear(c[3], 10)
    def forward(s, x):
        x = s.blocks(F.relu(s.bn(s.conv(x))))
        return s.fc(x.mean((2, 3)))


class Vgg11(nn.Module):
    def __init__(s, w):
        super().__init__()
        L = []; c = 3
        for stage in [[64], [128], [256, 256], [512, 512], [512, 512]]:
            for v in stage:
                v = max(1, round(v * w)); L += [nn.Conv2d(c, v, 3, padding=1), nn.BatchNorm2d(v), nn.ReLU()]; c = v
            L.append(nn.MaxPool2d(2))
        s.features = nn.Sequential(*L); s.fc = nn.Linear(c, 10)
    def forward(s, x):
        return s.fc(torch.flatten(s.features(x), 1))


class AlexNet(nn.Module):
    def __init__(s, w):
        super().__init__()
        c = [max(1, round(v * w)) for v in (64, 192, 384, 256, 256)]
        s.c1 = nn.Conv2d(3, c[0], 11, 4, 5); s.c2 = nn.Conv2d(c[0], c[1], 5, padding=2)
        s.c3 = nn.Conv2d(c[1], c[2], 3, padding=1); s.c4 = nn.Conv2d(c[2], c[3], 3, padding=1); s.c5 = nn.Conv2d(c[3], c[4], 3, padding=1)
        s.fc = nn.Linear(c[4], 10)
    def forward(s, x):
        x = F.max_pool2d(F.relu(s.c1(x)), 2); x = F.max_pool2d(F.relu(s.c2(x)), 2)
        x = F.relu(s.c5(F.relu(s.c4(F.relu(s.c3(x))))))
        return s.fc(torch.flatten(F.max_pool2d(x, 2), 1))


class LstmLm(nn.Module):
    def __init__(s):
        super().__init__()
        s.emb = nn.Embedding(11, 6); s.l0 = nn.LSTM(6, 8, batch_first=True); s.l1 = nn.LSTM(8, 8, batch_first=True); s.dec = nn.Linear(8, 11)
    def forward(s, ids):
        y, _ = s.l0(s.emb(ids)); y, _ = s.l1(y)
        return s.dec(y.reshape(-1, 8))


def gradient_stats(model, x, labels):
    """Training-mode cross-entropy (labels i % classes); per parameter, in order: [sum(g), sum(g^2)]
    (both independent of the layout, so comparable across frameworks)."""
    model.train()
    model.zero_grad()
    F.cross_entropy(model(x), labels).backward()
    return [[p.grad.sum().item(), (p.grad ** 2).sum().item()] for _, p in model.named_parameters()]


def run_image(name, model, config, shape, train_too):
    bns = bn_names(model)
    fill_model(model, bns)
    x = image_input(shape)
    model.eval()
    with torch.no_grad():
        case = {'name': name, 'config': config, 'inputShape': shape[1:], 'batch': shape[0], 'eval': model(x).flatten().tolist()}
        if train_too:
            model.train()
            case['train'] = model(x).flatten().tolist()
            first_bn = dict(model.named_modules())[bns[0]]
            case['firstRunningMeanAfterTrain'] = first_bn.running_mean.tolist()
    classes = case['eval'].__len__() // shape[0]
    case['gradients'] = gradient_stats(model, x, torch.arange(shape[0]) % classes)
    return case


cases = [
    run_image('mlp', Mlp(), {'kind': 'mlp', 'hidden': [7, 5], 'activation': 'tanh'}, [2, 2, 2, 3], False),
    run_image('cnn', Cnn(), {'kind': 'cnn', 'channels': [4, 6]}, [2, 28, 28, 1], False),
    run_image('resnet18', ResNet18(0.0625), {'kind': 'resnet', 'depth': 18, 'width': 0.0625}, [2, 16, 16, 3], True),
    run_image('vgg11', Vgg11(0.0625), {'kind': 'vgg11', 'width': 0.0625}, [3, 32, 32, 3], True),
    run_image('alexnet', AlexNet(0.125), {'kind': 'alexnet', 'width': 0.125}, [2, 32, 32, 3], False),
]
lm = LstmLm(); fill_model(lm)
ids = torch.tensor([[1, 2, 3, 4, 5], [10, 0, 7, 7, 2]])
with torch.no_grad():
    cases.append({'name': 'lstm-lm', 'config': {'kind': 'lstm', 'layers': 2, 'embeddingDim': 6, 'hidden': 8}, 'inputShape': [5], 'vocab': 11,
                  'ids': ids.tolist(), 'eval': lm(ids).flatten().tolist()})
cases[-1]['gradients'] = gradient_stats(lm, ids, torch.arange(10) % 11)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'modelGolden.json')
with open(out, 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f)
print('wrote', out)
