import * as tf from '@tensorflow/tfjs-core';
import { assembleModel } from './assembleModel.js';
import { dense, type DenseActivation } from './layers/dense.js';
import type { Layer } from './layers/layer.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';

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
