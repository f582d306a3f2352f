import { assembleModel, toImageBatch } from './assembleModel.js';
import { batchNorm } from './layers/batchNorm.js';
import { conv2d } from './layers/conv2d.js';
import { dense } from './layers/dense.js';
import { LayerStack } from './layers/layerStack.js';
import { flattenOrAvgPool, maxPool } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { scaledWidth, widthMultiplier } from './widthScale.js';
import { defineModel, requireInputRank } from './modelDefinition.js';

/** VGG-11 ("A"): conv channels per stage, each stage closed by a 2x2 max pool. */
const vgg11Stages = [[64], [128], [256, 256], [512, 512], [512, 512]];

/**
 * VGG-11 in its CIFAR form (as the widely used pytorch-cifar VGG('VGG11')): 3x3 convs with padding 1
 * (+ batch norm when `batchNorm`) and ReLU, a 2x2 max pool after each of the 5 stages, then one
 * dense layer from the last channels to the classes. A pool is skipped once the map is 1x1 (small
 * inputs such as 28x28); the final map is average-pooled to 1x1. Channels scale with `width`.
 * Blocks `stage1`…`stage5`, `output`. 9,231,114 params at width 1 with batch norm on 32x32x3 / 10 classes.
 */
export function createVgg11(options: { width: number; batchNorm: boolean }, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const stack = new LayerStack(inputShape);
  vgg11Stages.forEach((stage, s) => {
    const block = `stage${s + 1}`;
    stage.forEach((channels, i) => {
      const prefix = `${block}.conv${i + 1}`;
      const out = scaledWidth(channels, options.width);
      stack.push(conv2d(builder, block, prefix, stack.shape, out, { kernel: 3, padding: 1, activation: options.batchNorm ? 'linear' : 'relu' }));
      if (options.batchNorm) stack.push(batchNorm(builder, block, `${block}.bn${i + 1}`, stack.shape, { relu: true }));
    });
    if (stack.shape[0] >= 2 && stack.shape[1] >= 2) stack.push(maxPool(builder, block, `${block}.pool`, stack.shape, 2));
  });
  stack.push(flattenOrAvgPool(builder, 'output', stack.shape));
  stack.push(dense(builder, 'output', 'output', stack.shape, classes));
  return assembleModel('vgg11', builder, inputShape, (x, training) => stack.apply(toImageBatch(x, inputShape), training));
}

export const vgg11Model = defineModel({
  schema: z.strictObject({
    kind: z.literal('vgg11'),
    width: widthMultiplier(),
    batchNorm: described(z.boolean(), { label: 'Batch norm', help: 'After every convolution.' }).default(true),
  }),
  title: 'VGG-11',
  input: 'image',
  backendNeeds: { convolutions: true, embeddingGradients: false },
  blocks: () => ['stage1', 'stage2', 'stage3', 'stage4', 'stage5', 'output'],
  build: (config, inputShape, classes, seed) => {
    requireInputRank('VGG-11', 'image', inputShape);
    return createVgg11({ width: config.width, batchNorm: config.batchNorm }, inputShape, classes, seed);
  },
});
