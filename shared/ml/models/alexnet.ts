import { assembleModel, toImageBatch } from './assembleModel.js';
import { conv2d } from './layers/conv2d.js';
import { dense } from './layers/dense.js';
import { LayerStack } from './layers/layerStack.js';
import { dropout, flattenOrAvgPool, maxPool } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { scaledWidth, widthMultiplier } from './widthScale.js';
import { defineModel, requireInputRank } from './modelDefinition.js';

/**
 * AlexNet in its small-image (CIFAR) form, as pytorch-classification's `alexnet` for CIFAR:
 * conv11x11/4 (64, pad 5) ReLU maxpool2, conv5x5 (192, pad 2) ReLU maxpool2, conv3x3 384, 256, 256
 * (pad 1, ReLU), maxpool2, dense to the classes (optional dropout before it). A pool is skipped once
 * the map is 1x1; a larger final map is average-pooled. Channels scale with `width`.
 * Blocks `conv1`…`conv5`, `output`. 2,472,266 params at width 1 on 32x32x3 / 10 classes.
 */
export function createAlexNet(options: { width: number; dropout: number }, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const stack = new LayerStack(inputShape);
  const pool = (block: string) => {
    if (stack.shape[0] >= 2 && stack.shape[1] >= 2) stack.push(maxPool(builder, block, `${block}.pool`, stack.shape, 2));
  };
  const w = (c: number) => scaledWidth(c, options.width);
  stack.push(conv2d(builder, 'conv1', 'conv1', stack.shape, w(64), { kernel: 11, stride: 4, padding: 5, activation: 'relu' }));
  pool('conv1');
  stack.push(conv2d(builder, 'conv2', 'conv2', stack.shape, w(192), { kernel: 5, padding: 2, activation: 'relu' }));
  pool('conv2');
  stack.push(conv2d(builder, 'conv3', 'conv3', stack.shape, w(384), { kernel: 3, padding: 1, activation: 'relu' }));
  stack.push(conv2d(builder, 'conv4', 'conv4', stack.shape, w(256), { kernel: 3, padding: 1, activation: 'relu' }));
  stack.push(conv2d(builder, 'conv5', 'conv5', stack.shape, w(256), { kernel: 3, padding: 1, activation: 'relu' }));
  pool('conv5');
  stack.push(flattenOrAvgPool(builder, 'output', stack.shape));
  if (options.dropout > 0) stack.push(dropout(builder, 'output', 'dropout', stack.shape, options.dropout, seed));
  stack.push(dense(builder, 'output', 'output', stack.shape, classes));
  return assembleModel('alexnet', builder, inputShape, (x, training) => stack.apply(toImageBatch(x, inputShape), training));
}

export const alexnetModel = defineModel({
  schema: z.strictObject({
    kind: z.literal('alexnet'),
    width: widthMultiplier(),
    /** Dropout before the output layer (0 = none). */
    dropout: described(z.number().min(0).max(0.9), { label: 'Dropout', help: 'Before the output layer (0: none).' }).default(0),
  }),
  title: 'AlexNet (small images)',
  input: 'image',
  backendNeeds: { convolutions: true, embeddingGradients: false },
  blocks: () => ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'output'],
  build: (config, inputShape, classes, seed) => {
    requireInputRank('AlexNet', 'image', inputShape);
    return createAlexNet({ width: config.width, dropout: config.dropout }, inputShape, classes, seed);
  },
});
