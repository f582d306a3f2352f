import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { WeightMappingBuilder } from '../weights/weightMapping.js';
import { assembleModel, toImageBatch } from './assembleModel.js';
import { batchNorm } from './layers/batchNorm.js';
import { conv2d } from './layers/conv2d.js';
import { dense } from './layers/dense.js';
import { applySequence, type Layer } from './layers/layer.js';
import { LayerStack } from './layers/layerStack.js';
import { globalAvgPool, maxPool } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { defineModel, requireInputRank } from './modelDefinition.js';
import { ParamBuilder, type Init } from './paramBuilder.js';

export interface DenseNetOptions {
  /** Channels each dense layer adds (k; DenseNet-121: 32). */
  growthRate: number;
  /** Dense layers in each of the four dense blocks (DenseNet-121: 6, 12, 24, 16). */
  blockConfig: [number, number, number, number];
  /** Channels of the stem convolution (DenseNet-121: 64). */
  initFeatures: number;
  /** Bottleneck width as a multiple of the growth rate (DenseNet-121: 4). */
  bnSize: number;
}

/** torchvision's DenseNet initialisation: conv kaiming_normal (fan in), batch norm 1/0. */
function convInit(kernel: number, inChannels: number): Init {
  return { kind: 'normal', std: Math.sqrt(2 / (kernel * kernel * inChannels)) };
}

/** BN-ReLU-conv1x1 (bottleneck) then BN-ReLU-conv3x3 to `growthRate` channels: torchvision's `_DenseLayer`. */
function denseLayer(builder: ParamBuilder, mapping: WeightMappingBuilder, block: string, prefix: string, inputShape: number[], options: DenseNetOptions): Layer {
  const inChannels = inputShape[2];
  const bottleneck = options.bnSize * options.growthRate;
  const norm1 = batchNorm(builder, block, `${prefix}.norm1`, inputShape, { relu: true });
  const conv1 = conv2d(builder, block, `${prefix}.conv1`, inputShape, bottleneck, { kernel: 1, bias: false, weightInit: convInit(1, inChannels) });
  const norm2 = batchNorm(builder, block, `${prefix}.norm2`, conv1.outputShape, { relu: true });
  const conv2 = conv2d(builder, block, `${prefix}.conv2`, conv1.outputShape, options.growthRate, { kernel: 3, padding: 1, bias: false, weightInit: convInit(3, bottleneck) });
  const source = `features.${prefix}`;
  mapping
    .batchNorm(`${prefix}.norm1`, `${source}.norm1`)
    .conv2d(`${prefix}.conv1`, `${source}.conv1`)
    .batchNorm(`${prefix}.norm2`, `${source}.norm2`)
    .conv2d(`${prefix}.conv2`, `${source}.conv2`);
  const layers = [norm1, conv1, norm2, conv2];
  return { outputShape: conv2.outputShape, apply: (x, training) => applySequence(layers, x, training) };
}

/** A dense block: each layer sees the concatenation (channels) of the block's input and every earlier layer's output. */
function denseBlock(builder: ParamBuilder, mapping: WeightMappingBuilder, index: number, inputShape: number[], count: number, options: DenseNetOptions): Layer {
  const layers: Layer[] = [];
  let channels = inputShape[2];
  for (let i = 0; i < count; i++) {
    layers.push(denseLayer(builder, mapping, `dense${index}`, `denseblock${index}.denselayer${i + 1}`, [inputShape[0], inputShape[1], channels], options));
    channels += options.growthRate;
  }
  return {
    outputShape: [inputShape[0], inputShape[1], channels],
    apply(x, training) {
      const features: tf.Tensor[] = [x];
      for (const layer of layers) features.push(layer.apply(features.length === 1 ? x : tf.concat(features, 3), training));
      return tf.concat(features, 3);
    },
  };
}

/** BN-ReLU-conv1x1 halving the channels, then 2x2 average pooling: torchvision's `_Transition`. */
function transition(builder: ParamBuilder, mapping: WeightMappingBuilder, index: number, inputShape: number[]): Layer {
  const block = `transition${index}`;
  const inChannels = inputShape[2];
  const norm = batchNorm(builder, block, `${block}.norm`, inputShape, { relu: true });
  const conv = conv2d(builder, block, `${block}.conv`, inputShape, Math.floor(inChannels / 2), { kernel: 1, bias: false, weightInit: convInit(1, inChannels) });
  mapping.batchNorm(`${block}.norm`, `features.${block}.norm`).conv2d(`${block}.conv`, `features.${block}.conv`);
  const [h, w, c] = conv.outputShape;
  const outputShape = [Math.floor(h / 2), Math.floor(w / 2), c];
  if (outputShape[0] < 1 || outputShape[1] < 1) throw new Error(`DenseNet: the input is too small (a ${h}x${w} map reaches ${block})`);
  builder.layer({ name: `${block}.pool`, block, kind: 'avgpool2', outputShape, paramCount: 0 });
  return {
    outputShape,
    apply: (x, training) => tf.avgPool(conv.apply(norm.apply(x, training), training) as tf.Tensor4D, 2, 2, 'valid'),
  };
}

/**
 * DenseNet-121 as torchvision's `densenet121` (Huang et al. 2017): 7x7 stride-2 conv (64) + BN + ReLU
 * + 3x3 stride-2 max pool, four dense blocks (6, 12, 24, 16 layers, growth 32, bottleneck 4·32) with
 * transitions between them (channels halved, 2x2 average pool), final BN + ReLU, global average pool,
 * linear. Blocks `stem`, `dense1`, `transition1`, …, `dense4`, `head` (final BN and classifier); parameter
 * names are torchvision's without `features.`. 7,978,856 parameters with 1000 classes, as torchvision's.
 */
export function createDenseNet(options: DenseNetOptions, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const mapping = new WeightMappingBuilder();
  const stack = new LayerStack(inputShape);
  stack.push(conv2d(builder, 'stem', 'conv0', stack.shape, options.initFeatures, { kernel: 7, stride: 2, padding: 3, bias: false, weightInit: convInit(7, inputShape[2]) }));
  stack.push(batchNorm(builder, 'stem', 'norm0', stack.shape, { relu: true }));
  stack.push(maxPool(builder, 'stem', 'pool0', stack.shape, 3, 2, 1));
  mapping.conv2d('conv0', 'features.conv0').batchNorm('norm0', 'features.norm0');
  options.blockConfig.forEach((count, b) => {
    stack.push(denseBlock(builder, mapping, b + 1, stack.shape, count, options));
    if (b < options.blockConfig.length - 1) stack.push(transition(builder, mapping, b + 1, stack.shape));
  });
  stack.push(batchNorm(builder, 'head', 'norm5', stack.shape, { relu: true }));
  mapping.batchNorm('norm5', 'features.norm5');
  stack.push(globalAvgPool(builder, 'head', 'avgpool', stack.shape));
  stack.push(dense(builder, 'head', 'classifier', stack.shape, classes, 'linear', { biasInit: { kind: 'zeros' } }));
  mapping.linear('classifier', 'classifier', { head: true });
  return assembleModel('densenet-121', builder, inputShape, (x, training) => stack.apply(toImageBatch(x, inputShape), training), mapping.build());
}

export const denseNetModel = defineModel({
  schema: z.strictObject({
    kind: z.literal('densenet-121'),
    growthRate: described(z.number().int().min(1).max(128), { label: 'Growth rate', help: 'Channels each dense layer adds (DenseNet-121: 32).' }).default(32),
    blockConfig: described(z.tuple([z.number().int().min(1).max(64), z.number().int().min(1).max(64), z.number().int().min(1).max(64), z.number().int().min(1).max(64)]), {
      label: 'Layers per dense block',
      help: 'DenseNet-121: 6, 12, 24, 16.',
    }).default([6, 12, 24, 16]),
    initFeatures: described(z.number().int().min(1).max(256), { label: 'Stem channels', help: 'DenseNet-121: 64.' }).default(64),
    bnSize: described(z.number().int().min(1).max(8), { label: 'Bottleneck size', help: 'Bottleneck channels as a multiple of the growth rate (DenseNet-121: 4).' }).default(4),
  }),
  title: 'DenseNet-121',
  description: 'torchvision’s densenet121.',
  input: 'image',
  backendNeeds: { convolutions: true, embeddingGradients: false },
  pretrainedWeights: 'torchvision’s densenet121',
  blocks: () => ['stem', 'dense1', 'transition1', 'dense2', 'transition2', 'dense3', 'transition3', 'dense4', 'head'],
  build: (config, inputShape, classes, seed) => {
    requireInputRank('DenseNet-121', 'image', inputShape);
    return createDenseNet(config, inputShape, classes, seed);
  },
  imageSizeMismatch: (_config, [h, w]) => (Math.min(h, w) < 29 ? `DenseNet-121 needs images of at least 29x29 (its stem and transitions divide the size by 32), not ${h}x${w}` : undefined),
});
