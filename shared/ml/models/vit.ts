import * as tf from '@tensorflow/tfjs-core';
import { assembleModel, toImageBatch } from './assembleModel.js';
import { selfAttention } from './layers/attention.js';
import { layerNorm } from './layers/batchNorm.js';
import { dense } from './layers/dense.js';
import type { Layer } from './layers/layer.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { defineModel, requireInputRank } from './modelDefinition.js';

export interface VitOptions {
  patchSize: number;
  dim: number;
  depth: number;
  heads: number;
  mlpDim: number;
}

/** One pre-norm transformer encoder: x + attn(LN(x)), then x + MLP(LN(x)) with GELU. */
function encoderLayer(builder: ParamBuilder, block: string, shape: number[], options: VitOptions): Layer {
  const norm1 = layerNorm(builder, block, `${block}.norm1`, shape);
  const attention = selfAttention(builder, block, `${block}.attn`, shape, options.heads);
  const norm2 = layerNorm(builder, block, `${block}.norm2`, shape);
  const fc1 = dense(builder, block, `${block}.mlp.fc1`, shape, options.mlpDim, 'gelu');
  const fc2 = dense(builder, block, `${block}.mlp.fc2`, fc1.outputShape, options.dim);
  return {
    outputShape: shape,
    apply(x, training) {
      const attended = tf.add(x, attention.apply(norm1.apply(x, training), training));
      return tf.add(attended, fc2.apply(fc1.apply(norm2.apply(attended, training), training), training));
    },
  };
}

/**
 * A small Vision Transformer (Dosovitskiy et al. 2021): non-overlapping p×p patches, linear patch
 * embedding, a class token and learned position embeddings (truncated normal, std 0.02), `depth`
 * pre-norm encoders, final LayerNorm on the class token, dense to the classes.
 * Blocks `embed`, `encoder0`…, `head`.
 */
export function createVit(options: VitOptions, inputShape: number[], classes: number, seed: number): Model {
  const [h, w, c] = inputShape;
  const p = options.patchSize;
  if (h % p !== 0 || w % p !== 0) throw new Error(`ViT: patch size ${p} does not divide the ${h}x${w} input`);
  const gridH = h / p;
  const gridW = w / p;
  const patches = gridH * gridW;
  const patchFeatures = p * p * c;
  const builder = new ParamBuilder(seed);
  const patchEmbed = dense(builder, 'embed', 'embed.patch', [patches, patchFeatures], options.dim);
  const cls = builder.param('embed', 'embed.cls_token', [1, 1, options.dim], { kind: 'truncated-normal', std: 0.02 });
  const pos = builder.param('embed', 'embed.pos_embed', [1, patches + 1, options.dim], { kind: 'truncated-normal', std: 0.02 });
  builder.layer({ name: 'embed.tokens', block: 'embed', kind: 'cls+position', outputShape: [patches + 1, options.dim], paramCount: cls.size + pos.size });
  const tokenShape = [patches + 1, options.dim];
  const encoders: Layer[] = [];
  for (let i = 0; i < options.depth; i++) encoders.push(encoderLayer(builder, `encoder${i}`, tokenShape, options));
  const norm = layerNorm(builder, 'head', 'head.norm', [options.dim]);
  const output = dense(builder, 'head', 'head.output', [options.dim], classes);
  return assembleModel('vit', builder, inputShape, (x, training) => {
    const images = toImageBatch(x, inputShape);
    const batch = images.shape[0];
    // [B, H, W, C] → [B, gh, p, gw, p, C] → [B, gh, gw, p, p, C] → [B, N, p·p·C]
    const grid = tf.transpose(tf.reshape(images, [batch, gridH, p, gridW, p, c]), [0, 1, 3, 2, 4, 5]);
    const embedded = patchEmbed.apply(tf.reshape(grid, [batch, patches, patchFeatures]), training);
    let tokens: tf.Tensor = tf.add(tf.concat([tf.tile(cls, [batch, 1, 1]), embedded], 1), pos);
    for (const encoder of encoders) tokens = encoder.apply(tokens, training);
    const clsOut = tf.reshape(tf.slice(tokens, [0, 0, 0], [batch, 1, options.dim]), [batch, options.dim]);
    return output.apply(norm.apply(clsOut, training), training);
  });
}

export const vitModel = defineModel({
  schema: z
    .strictObject({
      kind: z.literal('vit'),
      /** Side of the square patches; must divide the image height and width. */
      patchSize: described(z.number().int().min(1).max(64), { label: 'Patch size', help: 'Side of the square patches; must divide the image size.' }).default(4),
      dim: described(z.number().int().min(4).max(1024), { label: 'Width', help: 'Size of each token (divisible by heads).' }).default(64),
      /** Number of transformer encoders (the blocks layer-wise fusion assigns). */
      depth: described(z.number().int().min(1).max(24), { label: 'Depth', help: 'Transformer encoders (the blocks fusion assigns).' }).default(4),
      heads: described(z.number().int().min(1).max(16), { label: 'Heads', help: 'Attention heads.' }).default(4),
      mlpDim: described(z.number().int().min(4).max(4096), { label: 'MLP size', help: 'Hidden units of each encoder’s MLP.' }).default(128),
    })
    .refine((v) => v.dim % v.heads === 0, { message: 'dim must be divisible by heads', path: ['heads'] }),
  title: 'ViT (small)',
  input: 'image',
  backendNeeds: { convolutions: false, embeddingGradients: false },
  build: (config, inputShape, classes, seed) => {
    requireInputRank('a ViT', 'image', inputShape);
    return createVit(config, inputShape, classes, seed);
  },
  imageSizeMismatch: (config, [h, w]) =>
    h % config.patchSize !== 0 || w % config.patchSize !== 0 ? `ViT patch size ${config.patchSize} does not divide the ${h}x${w} images` : undefined,
});
