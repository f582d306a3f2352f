import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { fromTorchPointwiseToDense, WeightMappingBuilder } from '../weights/weightMapping.js';
import { assembleModel, toImageBatch } from './assembleModel.js';
import { batchNorm } from './layers/batchNorm.js';
import { conv2d } from './layers/conv2d.js';
import { dense } from './layers/dense.js';
import { depthwiseConv2d } from './layers/depthwiseConv2d.js';
import { applySequence, type Layer } from './layers/layer.js';
import { LayerStack } from './layers/layerStack.js';
import { dropout, globalAvgPool } from './layers/shapeLayers.js';
import { squeezeExcitation } from './layers/squeezeExcitation.js';
import { stochasticDepth } from './layers/stochasticDepth.js';
import type { Model } from './model.js';
import { defineModel, requireInputRank } from './modelDefinition.js';
import { ParamBuilder, type Init } from './paramBuilder.js';

/** One stage of torchvision's `_efficientnet_conf("efficientnet_v2_s")`. */
interface StageSetting {
  fused: boolean;
  expand: number;
  kernel: number;
  stride: number;
  input: number;
  output: number;
  layers: number;
}

/** EfficientNetV2-S (Tan & Le 2021, Table 4), as torchvision 0.14 lists it. */
const stagesV2S: StageSetting[] = [
  { fused: true, expand: 1, kernel: 3, stride: 1, input: 24, output: 24, layers: 2 },
  { fused: true, expand: 4, kernel: 3, stride: 2, input: 24, output: 48, layers: 4 },
  { fused: true, expand: 4, kernel: 3, stride: 2, input: 48, output: 64, layers: 4 },
  { fused: false, expand: 4, kernel: 3, stride: 2, input: 64, output: 128, layers: 6 },
  { fused: false, expand: 6, kernel: 3, stride: 1, input: 128, output: 160, layers: 9 },
  { fused: false, expand: 6, kernel: 3, stride: 2, input: 160, output: 256, layers: 15 },
];
const lastChannels = 1280;

/** torchvision's `_make_divisible(v, 8)`: the nearest multiple of 8, at least 8, never 10% below v. */
export function makeDivisible(value: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor(value + divisor / 2) - (Math.floor(value + divisor / 2) % divisor));
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}

export interface EfficientNetV2Options {
  /** Channel multiplier (torchvision's `width_mult`, channels rounded to multiples of 8); 1 is EfficientNetV2-S. */
  width: number;
  /** Layer-count multiplier (torchvision's `depth_mult`, ceil); 1 is EfficientNetV2-S. */
  depth: number;
  /** Dropout before the classifier (torchvision: 0.2). */
  dropout: number;
  /** Stochastic depth rate of the last residual layer, linear in the layer index (torchvision: 0.2). */
  stochasticDepth: number;
}

/** The stages at a width and depth multiplier (torchvision's `adjust_channels`/`adjust_depth`). */
export function efficientNetV2Stages(width: number, depth: number): StageSetting[] {
  return stagesV2S.map((s) => ({
    ...s,
    input: makeDivisible(s.input * width),
    output: makeDivisible(s.output * width),
    layers: Math.ceil(s.layers * depth),
  }));
}

/** torchvision's initialisation: conv kaiming_normal(fan_out), batch norm 1/0, linear U(±1/√out), biases 0. */
function convInit(kernel: number, outChannels: number): Init {
  return { kind: 'normal', std: Math.sqrt(2 / (kernel * kernel * outChannels)) };
}

/** Conv + batch norm (ε = 1e-3) + optional SiLU: torchvision's `Conv2dNormActivation`. */
function convBnAct(
  builder: ParamBuilder,
  mapping: WeightMappingBuilder,
  block: string,
  prefix: string,
  source: string,
  inputShape: number[],
  filters: number,
  options: { kernel: number; stride?: number; silu: boolean; depthwise?: boolean },
): Layer[] {
  const k = options.kernel;
  const stride = options.stride ?? 1;
  const conv = options.depthwise
    ? depthwiseConv2d(builder, block, `${prefix}.conv`, inputShape, { kernel: k, stride, weightInit: convInit(k, inputShape[2]) })
    : conv2d(builder, block, `${prefix}.conv`, inputShape, filters, { kernel: k, stride, padding: (k - 1) / 2, bias: false, weightInit: convInit(k, filters) });
  const bn = batchNorm(builder, block, `${prefix}.bn`, conv.outputShape, { silu: options.silu, epsilon: 1e-3 });
  mapping.conv2d(`${prefix}.conv`, `${source}.0`, { depthwise: options.depthwise }).batchNorm(`${prefix}.bn`, `${source}.1`);
  return [conv, bn];
}

/** A Fused-MBConv or MBConv layer with its residual (stride 1, same channels) and stochastic depth. */
function invertedResidual(
  builder: ParamBuilder,
  mapping: WeightMappingBuilder,
  block: string,
  prefix: string,
  source: string,
  inputShape: number[],
  setting: StageSetting,
  stride: number,
  dropRate: number,
  seed: number,
): Layer {
  const inChannels = inputShape[2];
  const expanded = makeDivisible(inChannels * setting.expand);
  const layers: Layer[] = [];
  let shape = inputShape;
  let index = 0;
  const add = (part: Layer[]) => {
    layers.push(...part);
    shape = part[part.length - 1].outputShape;
    index += 1;
  };
  if (setting.fused) {
    if (expanded !== inChannels) {
      add(convBnAct(builder, mapping, block, `${prefix}.expand`, `${source}.block.${index}`, shape, expanded, { kernel: setting.kernel, stride, silu: true }));
      add(convBnAct(builder, mapping, block, `${prefix}.project`, `${source}.block.${index}`, shape, setting.output, { kernel: 1, silu: false }));
    } else {
      add(convBnAct(builder, mapping, block, `${prefix}.fused`, `${source}.block.${index}`, shape, setting.output, { kernel: setting.kernel, stride, silu: true }));
    }
  } else {
    if (expanded !== inChannels) add(convBnAct(builder, mapping, block, `${prefix}.expand`, `${source}.block.${index}`, shape, expanded, { kernel: 1, silu: true }));
    add(convBnAct(builder, mapping, block, `${prefix}.depthwise`, `${source}.block.${index}`, shape, expanded, { kernel: setting.kernel, stride, silu: true, depthwise: true }));
    const se = squeezeExcitation(builder, block, `${prefix}.se`, shape, Math.max(1, Math.floor(inChannels / 4)), {
      weight: (fanOut) => ({ kind: 'normal', std: Math.sqrt(2 / fanOut) }),
      bias: { kind: 'zeros' },
    });
    for (const fc of ['fc1', 'fc2']) {
      mapping.tensor(`${prefix}.se.${fc}.weight`, `${source}.block.${index}.${fc}.weight`, fromTorchPointwiseToDense).tensor(`${prefix}.se.${fc}.bias`, `${source}.block.${index}.${fc}.bias`);
    }
    add([se]);
    add(convBnAct(builder, mapping, block, `${prefix}.project`, `${source}.block.${index}`, shape, setting.output, { kernel: 1, silu: false }));
  }
  const residual = stride === 1 && inChannels === setting.output;
  const drop = stochasticDepth(shape, dropRate, seed);
  return {
    outputShape: shape,
    apply(x, training) {
      const y = applySequence(layers, x, training);
      return residual ? tf.add(drop.apply(y, training), x) : y;
    },
  };
}

/**
 * EfficientNetV2-S as torchvision's `efficientnet_v2_s` (Tan & Le 2021): a 3x3 stride-2 stem (24
 * channels), three Fused-MBConv stages, three MBConv stages with squeeze-and-excitation, a 1x1 conv to
 * 1280 channels, global average pool, dropout, linear. Batch norm ε = 1e-3, SiLU throughout.
 * Blocks follow seed 002's numbering: `block0` the stem, `block1`…`block3` the Fused-MBConv stages,
 * `block4`…`block6` the MBConv stages, `block7` the head (1x1 conv and classifier).
 * At width and depth 1 with 1000 classes: 21,458,488 parameters, as torchvision's.
 */
export function createEfficientNetV2(options: EfficientNetV2Options, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const mapping = new WeightMappingBuilder();
  const stack = new LayerStack(inputShape);
  const stages = efficientNetV2Stages(options.width, options.depth);
  for (const layer of convBnAct(builder, mapping, 'block0', 'stem', 'features.0', stack.shape, stages[0].input, { kernel: 3, stride: 2, silu: true })) stack.push(layer);
  const total = stages.reduce((n, s) => n + s.layers, 0);
  let layerId = 0;
  stages.forEach((setting, s) => {
    for (let i = 0; i < setting.layers; i++) {
      const dropRate = (options.stochasticDepth * layerId) / total;
      const stride = i === 0 ? setting.stride : 1;
      const prefix = `stage${s + 1}.${i}`;
      stack.push(invertedResidual(builder, mapping, `block${s + 1}`, prefix, `features.${s + 1}.${i}`, stack.shape, setting, stride, dropRate, seed + layerId));
      layerId += 1;
    }
  });
  const headChannels = makeDivisible(lastChannels * options.width);
  for (const layer of convBnAct(builder, mapping, 'block7', 'head', `features.${stages.length + 1}`, stack.shape, headChannels, { kernel: 1, silu: true })) stack.push(layer);
  stack.push(globalAvgPool(builder, 'block7', 'avgpool', stack.shape));
  stack.push(dropout(builder, 'block7', 'dropout', stack.shape, options.dropout, seed));
  const bound = 1 / Math.sqrt(classes);
  stack.push(dense(builder, 'block7', 'classifier', stack.shape, classes, 'linear', { weightInit: { kind: 'uniform', bound }, biasInit: { kind: 'zeros' } }));
  mapping.linear('classifier', 'classifier.1', { head: true });
  return assembleModel('efficientnet-v2-s', builder, inputShape, (x, training) => stack.apply(toImageBatch(x, inputShape), training), mapping.build());
}

export const efficientNetV2Model = defineModel({
  schema: z.strictObject({
    kind: z.literal('efficientnet-v2-s'),
    width: described(z.number().min(0.0625).max(2), {
      label: 'Width multiplier',
      help: 'Scales every layer’s channels (rounded to multiples of 8); 1 is EfficientNetV2-S.',
    }).default(1),
    depth: described(z.number().min(0.0625).max(2), { label: 'Depth multiplier', help: 'Scales each stage’s layer count (rounded up); 1 is EfficientNetV2-S.' }).default(1),
    dropout: described(z.number().min(0).max(0.9), { label: 'Dropout', help: 'Before the classifier (torchvision: 0.2).' }).default(0.2),
    stochasticDepth: described(z.number().min(0).max(0.9), {
      label: 'Stochastic depth',
      help: 'Drop rate of the last residual layer, linear in depth (torchvision: 0.2).',
    }).default(0.2),
  }),
  title: 'EfficientNetV2-S',
  description: 'torchvision’s efficientnet_v2_s; blocks 0–7 as in the Fusion Optimizer paper.',
  input: 'image',
  backendNeeds: { convolutions: true, embeddingGradients: false },
  pretrainedWeights: 'torchvision’s efficientnet_v2_s',
  blocks: () => Array.from({ length: 8 }, (_, i) => `block${i}`),
  build: (config, inputShape, classes, seed) => {
    requireInputRank('EfficientNetV2-S', 'image', inputShape);
    return createEfficientNetV2(config, inputShape, classes, seed);
  },
});
