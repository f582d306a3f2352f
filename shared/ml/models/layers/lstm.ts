import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * One LSTM layer over [batch, T, in] → [batch, T, hidden], as nn.LSTM (gate order i, f, g, o;
 * weights `weight_ih` [in, 4H], `weight_hh` [H, 4H], biases `bias_ih` and `bias_hh`, all
 * U(±1/√H)). The input projection of all steps is one matmul; the recurrence one matmul per step.
 * Each sequence starts from zero state.
 */
export function lstm(builder: ParamBuilder, block: string, prefix: string, inputShape: number[], hidden: number): Layer {
  const [steps, inFeatures] = inputShape;
  const bound = { kind: 'uniform', bound: 1 / Math.sqrt(hidden) } as const;
  const weightIh = builder.param(block, `${prefix}.weight_ih`, [inFeatures, 4 * hidden], bound);
  const weightHh = builder.param(block, `${prefix}.weight_hh`, [hidden, 4 * hidden], bound);
  const biasIh = builder.param(block, `${prefix}.bias_ih`, [4 * hidden], bound);
  const biasHh = builder.param(block, `${prefix}.bias_hh`, [4 * hidden], bound);
  const outputShape = [steps, hidden];
  builder.layer({ name: prefix, block, kind: 'lstm', outputShape, paramCount: weightIh.size + weightHh.size + biasIh.size + biasHh.size });
  return {
    outputShape,
    apply(x) {
      const batch = x.shape[0];
      const bias = tf.add(biasIh, biasHh);
      const projected = tf.fused.matMul({ a: tf.reshape(x, [batch * steps, inFeatures]) as tf.Tensor2D, b: weightIh as tf.Tensor2D, bias });
      // Gate-major layouts, so that every per-step split is a contiguous slice (the cpu backend's
      // strided Slice/SplitV/Unpack are slow): inputs [T, 4, batch, H], recurrent weights [4, H, H].
      const perStep = tf.unstack(tf.transpose(tf.reshape(projected, [batch, steps, 4, hidden]), [1, 2, 0, 3]), 0);
      const recurrent = tf.transpose(tf.reshape(weightHh, [hidden, 4, hidden]), [1, 0, 2]);
      let h: tf.Tensor2D = tf.zeros([batch, hidden]);
      let c: tf.Tensor2D = tf.zeros([batch, hidden]);
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < steps; t++) {
        const gates = tf.add(perStep[t], tf.matMul(tf.tile(tf.expandDims(h, 0), [4, 1, 1]), recurrent));
        const [i, f, g, o] = tf.unstack(gates, 0) as tf.Tensor2D[];
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
        outputs.push(h);
      }
      return tf.stack(outputs, 1);
    },
  };
}
