import { assembleModel, toImageBatch } from './assembleModel.js';
import { conv2d } from './layers/conv2d.js';
import { dense } from './layers/dense.js';
import { applySequence } from './layers/layer.js';
import { flatten, maxPool } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { defineModel, requireInputRank } from './modelDefinition.js';

/**
 * LeNet-style CNN, the benchmark's `cnn` (../shared/bench/peer_torch.py): conv3x3(c→16) ReLU maxpool2,
 * conv3x3(16→32) ReLU maxpool2, flatten, dense(→classes); valid padding. On 28x28x1 input:
 * 26→13→11→5, so the output layer is dense(800→10). Blocks `conv1`, `conv2`, `output`.
 * Flattening is channels-last (tfjs), PyTorch's is channels-first: same function, permuted weights.
 */
export function createCnn(channels: [number, number], inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const conv1 = conv2d(builder, 'conv1', 'conv1', inputShape, channels[0], { kernel: 3, activation: 'relu' });
  const pool1 = maxPool(builder, 'conv1', 'conv1.pool', conv1.outputShape, 2);
  const conv2 = conv2d(builder, 'conv2', 'conv2', pool1.outputShape, channels[1], { kernel: 3, activation: 'relu' });
  const pool2 = maxPool(builder, 'conv2', 'conv2.pool', conv2.outputShape, 2);
  const flat = flatten(builder, 'output', 'flatten', pool2.outputShape);
  const output = dense(builder, 'output', 'output', flat.outputShape, classes);
  const layers = [conv1, pool1, conv2, pool2, flat, output];
  return assembleModel('cnn', builder, inputShape, (x, training) => applySequence(layers, toImageBatch(x, inputShape), training));
}

export const cnnModel = defineModel({
  schema: z.strictObject({
    kind: z.literal('cnn'),
    /** Channels of the two conv stages (LeNet-style: conv3x3, ReLU, maxpool2 each). */
    channels: described(z.tuple([z.number().int().min(1).max(512), z.number().int().min(1).max(512)]), {
      label: 'Channels per stage',
      help: 'The two conv stages, e.g. 16, 32.',
    }).default([16, 32]),
  }),
  title: 'CNN (LeNet-style)',
  input: 'image',
  backendNeeds: { convolutions: true, embeddingGradients: false },
  blocks: () => ['conv1', 'conv2', 'output'],
  build: (config, inputShape, classes, seed) => {
    requireInputRank('a CNN', 'image', inputShape);
    return createCnn(config.channels, inputShape, classes, seed);
  },
});
