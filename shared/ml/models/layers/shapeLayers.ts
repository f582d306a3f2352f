import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/** Max pooling over NHWC input (floor mode, as nn.MaxPool2d). */
export function maxPool(builder: ParamBuilder, block: string, name: string, inputShape: number[], size: number, stride = size, pad = 0): Layer {
  const [h, w, c] = inputShape;
  const outputShape = [Math.floor((h + 2 * pad - size) / stride) + 1, Math.floor((w + 2 * pad - size) / stride) + 1, c];
  builder.layer({ name, block, kind: `maxpool${size}`, outputShape, paramCount: 0 });
  return {
    outputShape,
    apply(x) {
      if (pad === 0) return tf.maxPool(x as tf.Tensor4D, size, stride, 'valid');
      // Pad with a large negative value so padding never wins the max.
      const padded = tf.pad(x as tf.Tensor4D, [[0, 0], [pad, pad], [pad, pad], [0, 0]], -1e9);
      return tf.maxPool(padded, size, stride, 'valid');
    },
  };
}

/** Flattens [batch, ...] to [batch, features] (channels-last order). */
export function flatten(builder: ParamBuilder, block: string, name: string, inputShape: number[]): Layer {
  const features = inputShape.reduce((a, b) => a * b, 1);
  builder.layer({ name, block, kind: 'flatten', outputShape: [features], paramCount: 0 });
  return { outputShape: [features], apply: (x) => tf.reshape(x, [x.shape[0], features]) };
}

/** Global average pooling: NHWC → [batch, channels]. */
export function globalAvgPool(builder: ParamBuilder, block: string, name: string, inputShape: number[]): Layer {
  const outputShape = [inputShape[2]];
  builder.layer({ name, block, kind: 'avgpool', outputShape, paramCount: 0 });
  return { outputShape, apply: (x) => tf.mean(x, [1, 2]) };
}

/** A 1x1 map flattened to its channels, a larger map average-pooled to them (the head of the small-image CNNs). */
export function flattenOrAvgPool(builder: ParamBuilder, block: string, inputShape: number[]): Layer {
  return inputShape[0] === 1 && inputShape[1] === 1 ? flatten(builder, block, 'flatten', inputShape) : globalAvgPool(builder, block, 'avgpool', inputShape);
}

/** Inverted dropout, active only in training; seeded per call from a counter so runs repeat. */
export function dropout(builder: ParamBuilder, block: string, name: string, inputShape: number[], rate: number, seed: number): Layer {
  builder.layer({ name, block, kind: `dropout(${rate})`, outputShape: inputShape, paramCount: 0 });
  let calls = 0;
  return {
    outputShape: inputShape,
    apply(x, training) {
      if (!training || rate <= 0) return x;
      calls += 1;
      return tf.dropout(x, rate, undefined, seed * 1_000_003 + calls);
    },
  };
}

/** `dropout` when `rate` > 0, else a layer that passes its input through (and is not listed). */
export function optionalDropout(builder: ParamBuilder, block: string, name: string, inputShape: number[], rate: number, seed: number): Layer {
  return rate > 0 ? dropout(builder, block, name, inputShape, rate, seed) : { outputShape: inputShape, apply: (x) => x };
}
