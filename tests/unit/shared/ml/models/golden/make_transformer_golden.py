#!/usr/bin/env python3
"""Golden outputs of the transformer models (ViT, BERT), computed by PyTorch twins with the same weights.

ViT: torchvision's own VisionTransformer at a small size. BERT: Hugging Face's
BertForSequenceClassification written out below module for module (transformers is not a Debian
package), with the same state_dict keys. Parameters are filled from a formula of their flat index
in PyTorch's layout (`fill`); the JSON lists every key with its shape, fill kind and ordinal, so the
TypeScript test (transformerEquivalence.test.ts) fills its own tensors the same way through the
project's PyTorch name mapping. Parameter counts at the full sizes are recorded too.
It also writes tests/fixtures/weights/vit-small.safetensors and bert-small.safetensors: a small
torchvision ViT and a small BERT, initialised as their libraries do (heads drawn larger, as after
fine-tuning), saved in float32 as state_dicts in the safetensors format (written here by hand), the
BERT one with bert-base-uncased's checkpoint conventions (LayerNorm.gamma/beta, the position_ids
buffer, pre-training heads under cls.), with the logits PyTorch computes from those float32 values.
Run: /usr/bin/python3 tests/unit/shared/ml/models/golden/make_transformer_golden.py  (writes transformerGolden.json)
"""
import json, math, os, struct
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.vision_transformer import VisionTransformer, vit_b_16

torch.set_default_dtype(torch.float64)


def fill(t, k, kind):
    n = t.numel()
    i = torch.arange(n, dtype=torch.float64)
    s = torch.sin(0.37 * i + 1.3 * k)
    if kind == 'weight':
        v = s / math.sqrt(n // t.shape[0])
    elif kind == 'norm_weight':
        v = 1 + 0.1 * s
    else:
        v = 0.1 * s
    with torch.no_grad():
        t.copy_(v.reshape(t.shape))


def fill_model(m):
    """Every parameter in registration order (k = ordinal); returns what the test needs to repeat it."""
    listing = []
    for k, (name, p) in enumerate(m.named_parameters()):
        is_norm = isinstance(dict(m.named_modules()).get(name.rsplit('.', 1)[0]), nn.LayerNorm)
        kind = ('norm_weight' if name.endswith('weight') else 'bias') if is_norm else ('weight' if p.dim() >= 2 and not name.endswith('bias') else 'bias')
        fill(p, k, kind)
        listing.append({'name': name, 'shape': list(p.shape), 'kind': kind, 'k': k})
    return listing


def gradient_stats(model, forward, classes, rows):
    """Training-mode cross-entropy (labels i % classes); per parameter: [sum(g), sum(g^2)]."""
    model.train()
    model.zero_grad()
    F.cross_entropy(forward(), torch.arange(rows) % classes).backward()
    return {name: [p.grad.sum().item(), (p.grad ** 2).sum().item()] for name, p in model.named_parameters()}


# --- BERT, as transformers.models.bert.modeling_bert ---------------------------------------------

class BertEmbeddings(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.word_embeddings = nn.Embedding(c['vocab'], c['hidden'], padding_idx=0)
        s.position_embeddings = nn.Embedding(c['positions'], c['hidden'])
        s.token_type_embeddings = nn.Embedding(c['types'], c['hidden'])
        s.LayerNorm = nn.LayerNorm(c['hidden'], eps=1e-12)
        s.dropout = nn.Dropout(c['dropout'])

    def forward(s, ids):
        t = ids.shape[1]
        position_ids = torch.arange(t).unsqueeze(0)
        token_type_ids = torch.zeros_like(ids)
        e = s.word_embeddings(ids) + s.token_type_embeddings(token_type_ids) + s.position_embeddings(position_ids)
        return s.dropout(s.LayerNorm(e))


class BertSelfAttention(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.heads = c['heads']; s.d = c['hidden'] // c['heads']
        s.query = nn.Linear(c['hidden'], c['hidden']); s.key = nn.Linear(c['hidden'], c['hidden']); s.value = nn.Linear(c['hidden'], c['hidden'])
        s.dropout = nn.Dropout(c['attention_dropout'])

    def split(s, x):
        b, t, _ = x.shape
        return x.view(b, t, s.heads, s.d).permute(0, 2, 1, 3)

    def forward(s, x, extended_mask):
        q, k, v = s.split(s.query(x)), s.split(s.key(x)), s.split(s.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(s.d) + extended_mask
        probs = s.dropout(F.softmax(scores, dim=-1))
        ctx = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        return ctx.view(ctx.shape[0], ctx.shape[1], -1)


class BertSelfOutput(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.dense = nn.Linear(c['hidden'], c['hidden']); s.LayerNorm = nn.LayerNorm(c['hidden'], eps=1e-12); s.dropout = nn.Dropout(c['dropout'])

    def forward(s, h, x):
        return s.LayerNorm(s.dropout(s.dense(h)) + x)


class BertAttention(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.self = BertSelfAttention(c); s.output = BertSelfOutput(c)

    def forward(s, x, m):
        return s.output(s.self(x, m), x)


class BertIntermediate(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.dense = nn.Linear(c['hidden'], c['intermediate'])

    def forward(s, x):
        return F.gelu(s.dense(x))  # hidden_act "gelu": the exact erf form


class BertOutput(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.dense = nn.Linear(c['intermediate'], c['hidden']); s.LayerNorm = nn.LayerNorm(c['hidden'], eps=1e-12); s.dropout = nn.Dropout(c['dropout'])

    def forward(s, h, x):
        return s.LayerNorm(s.dropout(s.dense(h)) + x)


class BertLayer(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.attention = BertAttention(c); s.intermediate = BertIntermediate(c); s.output = BertOutput(c)

    def forward(s, x, m):
        a = s.attention(x, m)
        return s.output(s.intermediate(a), a)


class BertEncoder(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.layer = nn.ModuleList([BertLayer(c) for _ in range(c['layers'])])

    def forward(s, x, m):
        for layer in s.layer:
            x = layer(x, m)
        return x


class BertPooler(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.dense = nn.Linear(c['hidden'], c['hidden']); s.activation = nn.Tanh()

    def forward(s, x):
        return s.activation(s.dense(x[:, 0]))


class BertModel(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.embeddings = BertEmbeddings(c); s.encoder = BertEncoder(c); s.pooler = BertPooler(c)

    def forward(s, ids):
        mask = (ids != 0).to(torch.get_default_dtype())
        extended = (1.0 - mask[:, None, None, :]) * torch.finfo(mask.dtype).min
        return s.pooler(s.encoder(s.embeddings(ids), extended))


class BertForSequenceClassification(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.bert = BertModel(c); s.dropout = nn.Dropout(c['dropout']); s.classifier = nn.Linear(c['hidden'], c['labels'])

    def forward(s, ids):
        return s.classifier(s.dropout(s.bert(ids)))


def count(m):
    return sum(p.numel() for p in m.parameters())


cases = []

# ViT: torchvision's VisionTransformer, 8x8 RGB images in 2x2 patches (16 patches + the class token).
vit = VisionTransformer(image_size=8, patch_size=2, num_layers=2, num_heads=3, hidden_dim=12, mlp_dim=24, num_classes=10)
params = fill_model(vit)
shape = [2, 8, 8, 3]
n = shape[0] * shape[1] * shape[2] * shape[3]
x = torch.sin(0.11 * torch.arange(n, dtype=torch.float64)).reshape(shape).permute(0, 3, 1, 2).contiguous()
vit.eval()
with torch.no_grad():
    logits = vit(x).flatten().tolist()
cases.append({'name': 'vit', 'config': {'kind': 'vit', 'patchSize': 2, 'dim': 12, 'depth': 2, 'heads': 3, 'mlpDim': 24},
              'inputShape': shape[1:], 'batch': shape[0], 'classes': 10, 'params': params, 'eval': logits,
              'gradients': gradient_stats(vit, lambda: vit(x), 10, shape[0])})

# BERT: 2 layers, hidden 16, 2 heads; padded batch (id 0 = [PAD]); the vocabulary size of the CoLA fixture's vocab.txt.
c = {'vocab': 52, 'hidden': 16, 'layers': 2, 'heads': 2, 'intermediate': 32, 'positions': 12, 'types': 2, 'dropout': 0.0, 'attention_dropout': 0.0, 'labels': 3}
bert = BertForSequenceClassification(c)
params = fill_model(bert)
ids = torch.tensor([[2, 11, 17, 23, 3, 0, 0], [2, 5, 5, 40, 49, 31, 3], [2, 7, 3, 0, 0, 0, 0]])
bert.eval()
with torch.no_grad():
    logits = bert(ids).flatten().tolist()
cases.append({'name': 'bert', 'config': {'kind': 'bert', 'hidden': 16, 'layers': 2, 'heads': 2, 'intermediate': 32, 'maxPositions': 12, 'typeVocabSize': 2, 'dropout': 0, 'attentionDropout': 0},
              'inputShape': [ids.shape[1]], 'vocab': c['vocab'], 'classes': 3, 'ids': ids.tolist(), 'params': params, 'eval': logits,
              'gradients': gradient_stats(bert, lambda: bert(ids), 3, ids.shape[0])})

base = {'vocab': 30522, 'hidden': 768, 'layers': 12, 'heads': 12, 'intermediate': 3072, 'positions': 512, 'types': 2, 'dropout': 0.1, 'attention_dropout': 0.1, 'labels': 2}
counts = {
    'vit_b_16': count(vit_b_16()),
    'vit_s_16': count(VisionTransformer(224, 16, 12, 6, 384, 1536)),
    'vit_ti_16': count(VisionTransformer(224, 16, 12, 3, 192, 768)),
    'bert_base_uncased_2_labels': count(BertForSequenceClassification(base)),
}


def write_safetensors(path, tensors):
    """safetensors: 8-byte little-endian header length, the JSON header, then the raw little-endian data."""
    header, chunks, offset = {}, [], 0
    for key, t in tensors.items():
        dtype = {torch.float32: 'F32', torch.int64: 'I64'}[t.dtype]
        data = t.contiguous().numpy().tobytes()
        header[key] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header['__metadata__'] = {'format': 'pt'}
    text = json.dumps(header).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text))); f.write(text)
        for c in chunks:
            f.write(c)


def as_float32(model):
    """Rounds every parameter to float32 (what the file holds), keeping the model in float64."""
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.float().double())


fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', '..', 'fixtures', 'weights')
os.makedirs(fixtures, exist_ok=True)
weights = []
torch.manual_seed(0)

vit_w = VisionTransformer(image_size=8, patch_size=2, num_layers=2, num_heads=3, hidden_dim=12, mlp_dim=24, num_classes=4)
with torch.no_grad():
    vit_w.heads.head.weight.normal_(std=0.5); vit_w.heads.head.bias.normal_(std=0.5)
as_float32(vit_w)
vit_w.eval()
with torch.no_grad():
    logits = vit_w(x).flatten().tolist()
write_safetensors(os.path.join(fixtures, 'vit-small.safetensors'), {k: v.float() for k, v in vit_w.state_dict().items()})
weights.append({'file': 'vit-small.safetensors', 'config': cases[0]['config'], 'inputShape': shape[1:], 'batch': shape[0], 'classes': 4, 'eval': logits})


def bert_init(m):
    """BertPreTrainedModel._init_weights: Linear and Embedding N(0, 0.02), biases 0, [PAD] row 0, LayerNorm 1/0."""
    for mod in m.modules():
        if isinstance(mod, (nn.Linear, nn.Embedding)):
            mod.weight.data.normal_(0.0, 0.02)
        if isinstance(mod, nn.Linear) and mod.bias is not None:
            mod.bias.data.zero_()
        if isinstance(mod, nn.Embedding) and mod.padding_idx is not None:
            mod.weight.data[mod.padding_idx].zero_()
        if isinstance(mod, nn.LayerNorm):
            mod.weight.data.fill_(1.0); mod.bias.data.zero_()


bert_w = BertForSequenceClassification(c)
bert_init(bert_w)
with torch.no_grad():
    for p in list(bert_w.bert.pooler.parameters()) + list(bert_w.classifier.parameters()):
        p.normal_(std=0.5)
    for name, p in bert_w.named_parameters():
        if 'LayerNorm' in name:
            p.add_(0.1 * torch.randn_like(p))
as_float32(bert_w)
bert_w.eval()
with torch.no_grad():
    logits = bert_w(ids).flatten().tolist()
state = {}
for k, v in bert_w.state_dict().items():
    state[k.replace('LayerNorm.weight', 'LayerNorm.gamma').replace('LayerNorm.bias', 'LayerNorm.beta')] = v.float()
state['bert.embeddings.position_ids'] = torch.arange(c['positions']).unsqueeze(0)
state['cls.predictions.bias'] = torch.zeros(c['vocab'], dtype=torch.float32)
write_safetensors(os.path.join(fixtures, 'bert-small.safetensors'), state)
weights.append({'file': 'bert-small.safetensors', 'config': cases[1]['config'], 'inputShape': [ids.shape[1]], 'vocab': c['vocab'], 'ids': ids.tolist(), 'classes': 3, 'eval': logits})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'transformerGolden.json')
with open(out, 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases, 'paramCounts': counts, 'weights': weights}, f)
print('wrote', out, counts)
