#!/usr/bin/env python3
"""Golden outputs of torchvision's EfficientNetV2-S and DenseNet-121 for the project's twins.

1. torchvisionGolden.json: each model as torchvision builds it (stochastic depth and dropout off, so
   training mode is deterministic), every parameter and buffer filled from a formula of its flat index
   (`fill`, as make_model_golden.py), listed with its shape and fill kind in fill order, and the logits
   (eval and train mode, with the indices of those float32 PyTorch itself does not reproduce) and
   per-parameter gradient sums of a small input; plus torchvision's
   parameter counts of the full-size models with 1000 classes.
2. tests/fixtures/weights/*.safetensors: small torchvision models (the same classes, reduced width
   and depth), randomly initialised by torchvision, saved as PyTorch state_dicts in the safetensors
   format (written here by hand: 8-byte header length, JSON header, little-endian data), with their
   eval-mode logits for a formula input in weightsGolden.json.
Run: /usr/bin/python3 tests/unit/shared/ml/models/golden/make_torchvision_golden.py  (Debian's python3-torchvision)
"""
import copy, json, math, os, struct
from functools import partial
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models.efficientnet import EfficientNet, FusedMBConvConfig, MBConvConfig, _make_divisible
from torchvision.models.densenet import DenseNet

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, '..', '..', '..', '..', '..', 'fixtures', 'weights')


def fill(t, k, kind):
    n = t.numel()
    i = torch.arange(n, dtype=torch.float64)
    s = torch.sin(0.37 * i + 1.3 * k)
    if kind == 'weight':
        v = s / math.sqrt(n // t.shape[0])
    elif kind == 'bn_weight':
        v = 1 + 0.1 * s
    elif kind == 'running_var':
        v = 1 + 0.25 * (1 + s)
    else:
        v = 0.1 * s
    with torch.no_grad():
        t.copy_(v.reshape(t.shape).to(t.dtype))


def fill_model(m):
    """Params in registration order (k = ordinal), then running statistics; returns [key, shape, kind] in that order."""
    bn = {n for n, mod in m.named_modules() if isinstance(mod, nn.BatchNorm2d)}
    listed = []
    for name, p in m.named_parameters():
        owner = name.rsplit('.', 1)[0]
        kind = ('bn_weight' if name.endswith('weight') else 'bias') if owner in bn else ('weight' if p.dim() >= 2 else 'bias')
        fill(p, len(listed), kind); listed.append([name, list(p.shape), kind])
    for name, b in m.named_buffers():
        kind = {'running_mean': 'bias', 'running_var': 'running_var'}.get(name.rsplit('.', 1)[1])
        if kind:
            fill(b, len(listed), kind); listed.append([name, list(b.shape), kind])
    return listed


def image_input(shape):
    """Input in NHWC from the formula; returned as NCHW for torch."""
    n = math.prod(shape)
    x = torch.sin(0.11 * torch.arange(n, dtype=torch.float64)).reshape(shape)
    return x.permute(0, 3, 1, 2).contiguous()


def efficientnet_v2(width, depth, classes, stochastic_depth, dropout):
    """torchvision's efficientnet_v2_s at a width/depth multiplier (1, 1: efficientnet_v2_s itself)."""
    c = lambda v: _make_divisible(v * width, 8)
    d = lambda n: int(math.ceil(n * depth))
    setting = [
        FusedMBConvConfig(1, 3, 1, c(24), c(24), d(2)),
        FusedMBConvConfig(4, 3, 2, c(24), c(48), d(4)),
        FusedMBConvConfig(4, 3, 2, c(48), c(64), d(4)),
        MBConvConfig(4, 3, 2, c(64), c(128), d(6)),
        MBConvConfig(6, 3, 1, c(128), c(160), d(9)),
        MBConvConfig(6, 3, 2, c(160), c(256), d(15)),
    ]
    return EfficientNet(setting, dropout, stochastic_depth_prob=stochastic_depth, num_classes=classes,
                        norm_layer=partial(nn.BatchNorm2d, eps=1e-03), last_channel=c(1280))


def train_outputs(model, x):
    """Training-mode logits and, per parameter, [sum(g), sum(g^2)] of the cross-entropy with labels i % classes."""
    model.train()
    model.zero_grad()
    logits = model(x)
    F.cross_entropy(logits, torch.arange(x.shape[0]) % logits.shape[1]).backward()
    return logits, {n: [p.grad.sum().item(), (p.grad ** 2).sum().item()] for n, p in model.named_parameters()}


def float32_reproduces(model, x, gradients):
    """Whether float32 PyTorch itself gets these float64 gradients (sum of squares within 0.5%):
    formula weights can make batch statistics ill-conditioned, and then no float32 run can match."""
    m32 = copy.deepcopy(model).float()
    _, g32 = train_outputs(m32, x.float())
    floor = 1e-6 * sum(sq for _, sq in gradients.values())  # as the test: relative to the whole gradient
    worst = max(abs(g32[n][1] - sq) / (sq + floor) for n, (_, sq) in gradients.items())
    print(f'  float32 vs float64 gradients: worst relative difference of a sum of squares {worst:.2e}')
    return worst <= 5e-3


def logit_tolerance(expected):
    """The test's tolerance of a float32 logit against a float64 one (torchGoldenChecks.ts, assertClose)."""
    return 2e-4 + 1e-3 * expected.abs()


def float32_ill_conditioned(model, x, logits, training):
    """Indices of the logits (flat) that float32 PyTorch itself does not reproduce within half the test's
    tolerance, on the input or on the input moved by 1 ulp per element (8 seeded draws): training-mode
    batch statistics over a small batch amplify float32 rounding, and where a logit is also small, any
    float32 kernel (another summation order, FMA) can land outside the tolerance. Those are not compared."""
    x32 = x.float()
    draws = torch.Generator().manual_seed(0)
    worst = torch.zeros_like(logits)
    for k in range(9):
        away = torch.where(torch.rand(x32.shape, generator=draws) < 0.5, -math.inf, math.inf)
        xk = x32 if k == 0 else torch.nextafter(x32, away)
        m32 = copy.deepcopy(model).float().train(training)  # a fresh copy: training mode moves the running statistics
        with torch.no_grad():
            worst = torch.maximum(worst, (m32(xk).double().flatten() - logits).abs())
    ratio = (worst / logit_tolerance(logits)).tolist()
    ill = [i for i, r in enumerate(ratio) if r > 0.5]
    kept = max((r for i, r in enumerate(ratio) if i not in ill), default=0)
    print(f'  float32 vs float64 {"train" if training else "eval"} logits: {len(ill)} of {len(ratio)} ill-conditioned '
          f'(worst {max(ratio):.2f} of the tolerance), the rest within {kept:.2f} of it')
    return ill


def golden_case(name, model, config, shape):
    model = model.double()
    tensors = fill_model(model)
    x = image_input(shape)
    case = {'name': name, 'config': config, 'inputShape': shape[1:], 'batch': shape[0], 'tensors': tensors}
    model.eval()
    with torch.no_grad():
        evals = model(x).flatten()
    case['eval'] = evals.tolist()
    case['evalIllConditioned'] = float32_ill_conditioned(model, x, evals, False)
    logits, gradients = train_outputs(model, x)
    case['train'] = logits.flatten().tolist()
    case['trainIllConditioned'] = float32_ill_conditioned(model, x, logits.detach().flatten(), True)
    case['classes'] = logits.shape[1]
    if float32_reproduces(model, x, gradients):
        case['gradients'] = gradients
    return case


def count(m):
    return sum(p.numel() for p in m.parameters())


def write_safetensors(path, state_dict):
    header, chunks, offset = {}, [], 0
    for key, t in state_dict.items():
        t = t.detach().contiguous()
        dtype = {torch.float32: 'F32', torch.int64: 'I64'}[t.dtype]
        data = t.numpy().astype('<f4' if dtype == 'F32' else '<i8').tobytes()
        header[key] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data); offset += len(data)
    header['__metadata__'] = {'format': 'pt'}
    text = json.dumps(header).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text))); f.write(text)
        for c in chunks:
            f.write(c)


torch.manual_seed(0)
cases = [
    # torchvision's EfficientNet class with efficientnet_v2_s's stages at a quarter of the width and
    # half the depth (the full size is slow on the cpu backend; its parameter count is checked below).
    golden_case('efficientnet-v2-s', efficientnet_v2(0.25, 0.5, 5, 0.0, 0.0),
                {'kind': 'efficientnet-v2-s', 'width': 0.25, 'depth': 0.5, 'dropout': 0, 'stochasticDepth': 0}, [4, 64, 64, 3]),
    # DenseNet-121's own class at a smaller growth rate and depth (the full size is slow on the cpu
    # backend); its full-size parameter count is checked below.
    golden_case('densenet', DenseNet(growth_rate=8, block_config=(2, 3, 4, 2), num_init_features=16, bn_size=2, num_classes=5),
                {'kind': 'densenet-121', 'growthRate': 8, 'blockConfig': [2, 3, 4, 2], 'initFeatures': 16, 'bnSize': 2}, [4, 32, 32, 3]),
]
full = {'efficientnet-v2-s': count(torchvision.models.efficientnet_v2_s()), 'densenet-121': count(torchvision.models.densenet121())}
with open(os.path.join(here, 'torchvisionGolden.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'torchvision': torchvision.__version__, 'fullSizeParams': full, 'cases': cases}, f)

os.makedirs(fixtures, exist_ok=True)
weights = []
for file, model, config, shape in [
    ('efficientnet-v2-small.safetensors', efficientnet_v2(0.125, 0.2, 3, 0.2, 0.2),
     {'kind': 'efficientnet-v2-s', 'width': 0.125, 'depth': 0.2, 'dropout': 0, 'stochasticDepth': 0}, [4, 64, 64, 3]),
    ('densenet-small.safetensors', DenseNet(growth_rate=4, block_config=(1, 2, 1, 1), num_init_features=8, bn_size=2, num_classes=3),
     {'kind': 'densenet-121', 'growthRate': 4, 'blockConfig': [1, 2, 1, 1], 'initFeatures': 8, 'bnSize': 2}, [2, 32, 32, 3]),
]:
    model.eval()
    # Running statistics away from their initial 0/1, so that loading them is checked too.
    with torch.no_grad():
        for name, b in model.named_buffers():
            if name.endswith('running_mean'):
                b.uniform_(-0.2, 0.2)
            elif name.endswith('running_var'):
                b.uniform_(0.5, 1.5)
        logits = model(image_input(shape).float())
    write_safetensors(os.path.join(fixtures, file), model.state_dict())
    # Training-mode logits and gradients of the same weights in float64 (dropout and stochastic depth off).
    twin = copy.deepcopy(model).double()
    for mod in twin.modules():
        if isinstance(mod, (nn.Dropout, torchvision.ops.StochasticDepth)):
            mod.p = 0.0
    x = image_input(shape)
    train_logits, gradients = train_outputs(twin, x)
    assert float32_reproduces(twin, x, gradients)
    assert not float32_ill_conditioned(twin, x, train_logits.detach().flatten(), True)
    weights.append({'file': file, 'config': config, 'inputShape': shape[1:], 'batch': shape[0], 'classes': 3, 'eval': logits.flatten().tolist(),
                    'train': train_logits.flatten().tolist(), 'gradients': gradients})
with open(os.path.join(here, 'weightsGolden.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'torchvision': torchvision.__version__, 'cases': weights}, f)
print('wrote torchvisionGolden.json, weightsGolden.json and', len(weights), 'safetensors files')
