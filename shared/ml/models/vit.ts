import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { assembleModel, toImageBatch } from './assembleModel.js';
import { packedSelfAttention } from './layers/attention.js';
import { dense } from './layers/dense.js';
import type { Layer } from './layers/layer.js';
import { layerNorm } from './layers/layerNorm.js';
import { optionalDropout } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { defineModel, requireInputRank } from './modelDefinition.js';
import { ParamBuilder } from './paramBuilder.js';
import { fromTorchConv2d, fromTorchLinear, WeightMappingBuilder, type WeightMapping } from '../weights/weightMapping.js';

export interface VitOptions {
  patchSize: number;
  dim: number;
  depth: number;
  heads: number;
  mlpDim: number;
  dropout: number;
  attentionDropout: number;
}

/** torchvision's LayerNorm for ViTs: ε = 1e-6. */
const lnEpsilon = 1e-6;

/**
 * torchvision's EncoderBlock: x + dropout(attn(ln_1(x))), then + mlp(ln_2(·)), the MLP
 * Linear → GELU (exact) → dropout → Linear → dropout with Xavier-uniform weights and N(0, 1e-6) biases.
 */
function encoderLayer(builder: ParamBuilder, block: string, prefix: string, shape: number[], options: VitOptions, seed: number): Layer {
  const ln1 = layerNorm(builder, block, `${prefix}.ln_1`, shape, { epsilon: lnEpsilon });
  const attention = packedSelfAttention(builder, block, `${prefix}.self_attention`, shape, options.heads, { attentionDropout: options.attentionDropout, seed });
  const drop = optionalDropout(builder, block, `${prefix}.dropout`, shape, options.dropout, seed + 1);
  const ln2 = layerNorm(builder, block, `${prefix}.ln_2`, shape, { epsilon: lnEpsilon });
  const xavier = (fanIn: number, fanOut: number) => ({ kind: 'uniform' as const, bound: Math.sqrt(6 / (fanIn + fanOut)) });
  const biasInit = { kind: 'normal' as const, std: 1e-6 };
  const fc1 = dense(builder, block, `${prefix}.mlp.0`, shape, options.mlpDim, 'gelu', { weightInit: xavier(options.dim, options.mlpDim), biasInit });
  const drop1 = optionalDropout(builder, block, `${prefix}.mlp.2`, fc1.outputShape, options.dropout, seed + 2);
  const fc2 = dense(builder, block, `${prefix}.mlp.3`, fc1.outputShape, options.dim, 'linear', { weightInit: xavier(options.mlpDim, options.dim), biasInit });
  const drop2 = optionalDropout(builder, block, `${prefix}.mlp.4`, shape, options.dropout, seed + 3);
  return {
    outputShape: shape,
    apply(x, training) {
      const attended = tf.add(drop.apply(attention.apply(ln1.apply(x, training), training), training), x);
      const mlp = drop2.apply(fc2.apply(drop1.apply(fc1.apply(ln2.apply(attended, training), training), training), training), training);
      return tf.add(attended, mlp);
    },
  };
}

/**
 * torchvision's state_dict fills the ViT key for key (the names are the same): the patch
 * convolution as a conv weight, every nn.Linear and nn.MultiheadAttention matrix transposed; the
 * head is `heads.head`.
 */
function vitWeightMapping(builder: ParamBuilder): WeightMapping {
  const mapping = new WeightMappingBuilder();
  for (const { name, variable } of builder.params) {
    if (name.startsWith('heads.head.')) continue;
    mapping.tensor(name, name, name === 'conv_proj.weight' ? fromTorchConv2d : variable.rank === 2 ? fromTorchLinear : undefined);
  }
  return mapping.linear('heads.head', 'heads.head', { head: true }).build();
}

/**
 * torchvision's VisionTransformer (Dosovitskiy et al. 2021), tensor for tensor: `conv_proj` (a p×p
 * convolution of stride p, weight [p, p, channels, dim], run as one matrix product over the
 * patches), `class_token` (zeros), `encoder.pos_embedding` (N(0, 0.02)), `depth` pre-norm
 * encoders `encoder.layers.encoder_layer_<i>.*`, `encoder.ln` (ε 1e-6) on the class token and
 * `heads.head` (zeros). Parameter names are torchvision's state_dict keys. ViT-B/16 is patch 16,
 * dim 768, depth 12, 12 heads, MLP 3072 (86,567,656 parameters with 1000 classes at 224×224).
 * Blocks `embed`, `encoder0`…, `head` (the final LayerNorm and the classifier).
 */
export function createVit(options: VitOptions, inputShape: number[], classes: number, seed: number): Model {
  const [h, w, c] = inputShape;
  const p = options.patchSize;
  if (h % p !== 0 || w % p !== 0) throw new Error(`ViT: patch size ${p} does not divide the ${h}x${w} input`);
  if (options.dim % options.heads !== 0) throw new Error(`ViT: width ${options.dim} is not divisible by ${options.heads} heads`);
  const gridH = h / p;
  const gridW = w / p;
  const patches = gridH * gridW;
  const patchFeatures = p * p * c;
  const dim = options.dim;
  const builder = new ParamBuilder(seed);
  const cls = builder.param('embed', 'class_token', [1, 1, dim], { kind: 'zeros' });
  // trunc_normal_(std=√(1/fan_in)) truncated at ±2 (absolute), which at these widths cuts nothing.
  const convWeight = builder.param('embed', 'conv_proj.weight', [p, p, c, dim], { kind: 'normal', std: Math.sqrt(1 / patchFeatures) });
  const convBias = builder.param('embed', 'conv_proj.bias', [dim], { kind: 'zeros' });
  builder.layer({ name: 'conv_proj', block: 'embed', kind: `conv${p}x${p}/${p}`, outputShape: [gridH, gridW, dim], paramCount: convWeight.size + convBias.size });
  const pos = builder.param('embed', 'encoder.pos_embedding', [1, patches + 1, dim], { kind: 'normal', std: 0.02 });
  builder.layer({ name: 'encoder.pos_embedding', block: 'embed', kind: 'class token + position', outputShape: [patches + 1, dim], paramCount: cls.size + pos.size });
  const tokenShape = [patches + 1, dim];
  const embedDropout = optionalDropout(builder, 'embed', 'encoder.dropout', tokenShape, options.dropout, seed * 31 + 1);
  const encoders: Layer[] = [];
  for (let i = 0; i < options.depth; i++) encoders.push(encoderLayer(builder, `encoder${i}`, `encoder.layers.encoder_layer_${i}`, tokenShape, options, seed * 31 + 10 * (i + 1)));
  const norm = layerNorm(builder, 'head', 'encoder.ln', [dim], { epsilon: lnEpsilon });
  const head = dense(builder, 'head', 'heads.head', [dim], classes, 'linear', { weightInit: { kind: 'zeros' }, biasInit: { kind: 'zeros' } });
  return assembleModel('vit', builder, inputShape, (x, training) => {
    const images = toImageBatch(x, inputShape);
    const batch = images.shape[0];
    // [B, H, W, C] → [B, gh, p, gw, p, C] → [B, gh, gw, p, p, C] → [B, N, p·p·C]: the convolution's receptive fields.
    const grid = tf.transpose(tf.reshape(images, [batch, gridH, p, gridW, p, c]), [0, 1, 3, 2, 4, 5]);
    const flatPatches = tf.reshape(grid, [batch * patches, patchFeatures]);
    const embedded = tf.reshape(tf.fused.matMul({ a: flatPatches, b: tf.reshape(convWeight, [patchFeatures, dim]) as tf.Tensor2D, bias: convBias }), [batch, patches, dim]);
    let tokens: tf.Tensor = embedDropout.apply(tf.add(tf.concat([tf.tile(cls, [batch, 1, 1]), embedded], 1), pos), training);
    for (const encoder of encoders) tokens = encoder.apply(tokens, training);
    const clsOut = tf.reshape(tf.slice(tokens, [0, 0, 0], [batch, 1, dim]), [batch, dim]);
    return head.apply(norm.apply(clsOut, training), training);
  }, vitWeightMapping(builder));
}

export const vitModel = defineModel({
  schema: z
    .strictObject({
      kind: z.literal('vit'),
      /** Side of the square patches; must divide the image height and width. */
      patchSize: described(z.number().int().min(1).max(64), { label: 'Patch size', help: 'Side of the square patches; must divide the image size (ViT-B/16: 16).' }).default(4),
      dim: described(z.number().int().min(4).max(2048), { label: 'Width', help: 'Size of each token, divisible by heads (ViT-Ti 192, S 384, B 768, L 1024).' }).default(64),
      /** Number of transformer encoders (the blocks layer-wise fusion assigns). */
      depth: described(z.number().int().min(1).max(32), { label: 'Depth', help: 'Transformer encoders, each a block for fusion (ViT-B: 12).' }).default(4),
      heads: described(z.number().int().min(1).max(32), { label: 'Heads', help: 'Attention heads (ViT-Ti 3, S 6, B 12, L 16).' }).default(4),
      mlpDim: described(z.number().int().min(4).max(8192), { label: 'MLP size', help: 'Hidden units of each encoder’s MLP (4 × width in the paper’s sizes).' }).default(128),
      dropout: described(z.number().min(0).max(0.9), { label: 'Dropout', help: 'After the embeddings, the attention and each MLP layer (torchvision: 0).' }).default(0),
      attentionDropout: described(z.number().min(0).max(0.9), { label: 'Attention dropout', help: 'On the attention weights (torchvision: 0).' }).default(0),
    })
    .refine((v) => v.dim % v.heads === 0, { message: 'dim must be divisible by heads', path: ['heads'] }),
  title: 'ViT (torchvision)',
  description: 'torchvision’s VisionTransformer; ViT-B/16 is patch 16, width 768, depth 12, 12 heads, MLP 3072 on 224×224 images.',
  input: 'image',
  backendNeeds: { convolutions: false, embeddingGradients: false },
  pretrainedWeights: 'torchvision’s vit_b_16 (or another VisionTransformer of the same size)',
  blocks: (config) => ['embed', ...Array.from({ length: config.depth }, (_, i) => `encoder${i}`), 'head'],
  build: (config, inputShape, classes, seed) => {
    requireInputRank('a ViT', 'image', inputShape);
    return createVit(config, inputShape, classes, seed);
  },
  imageSizeMismatch: (config, [h, w]) =>
    h % config.patchSize !== 0 || w % config.patchSize !== 0 ? `ViT patch size ${config.patchSize} does not divide the ${h}x${w} images` : undefined,
});
