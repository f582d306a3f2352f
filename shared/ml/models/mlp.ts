import * as tf from '@tensorflow/tfjs-core';
import { assembleModel } from './assembleModel.js';
import { dense, type DenseActivation } from './layers/dense.js';
import type { Layer } from './layers/layer.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { defineModel } from './modelDefinition.js';

export interface MlpOptions {
  hidden: number[];
  activation: Extract<DenseActivation, 'relu' | 'tanh' | 'sigmoid'>;
}

/**
 * Multi-layer perceptron: flattens the input, then hidden dense layers `layer0`, `layer1`, … (each its
 * own block, params `layer0.weight` [in, out] and `layer0.bias`), then the `output` block (logits).
 */
export function createMlp(options: MlpOptions, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const features = inputShape.reduce((a, b) => a * b, 1);
  const layers: Layer[] = [];
  let shape = [features];
  options.hidden.forEach((units, i) => {
    const layer = dense(builder, `layer${i}`, `layer${i}`, shape, units, options.activation);
    layers.push(layer);
    shape = layer.outputShape;
  });
  layers.push(dense(builder, 'output', 'output', shape, classes));
  return assembleModel('mlp', builder, inputShape, (x, training) => {
    let y: tf.Tensor = x.rank === 2 ? x : tf.reshape(x, [x.shape[0], features]);
    for (const layer of layers) y = layer.apply(y, training);
    return y;
  });
}

export const mlpModel = defineModel({
  schema: z.strictObject({
    kind: z.literal('mlp'),
    /** Widths of the hidden layers. */
    hidden: described(z.array(z.number().int().min(1, { message: 'a layer needs at least 1 unit' }).max(8192)).min(0).max(16), {
      label: 'Hidden widths',
      help: 'Units per hidden layer, e.g. 256, 128.',
    }).default([256, 128]),
    activation: described(z.enum(['relu', 'tanh', 'sigmoid']), { label: 'Activation', help: 'Of every hidden layer.' }).default('relu'),
  }),
  title: 'MLP',
  input: 'image',
  backendNeeds: { convolutions: false, embeddingGradients: false },
  blocks: (config) => [...config.hidden.map((_, i) => `layer${i}`), 'output'],
  build: (config, inputShape, classes, seed) => createMlp({ hidden: config.hidden, activation: config.activation }, inputShape, classes, seed),
});
