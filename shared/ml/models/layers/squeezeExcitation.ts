import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import { silu } from './batchNorm.js';
import { dense } from './dense.js';
import type { Layer } from './layer.js';

/**
 * Squeeze-and-excitation (Hu et al. 2018, torchvision's `SqueezeExcitation`): global average pool,
 * `fc1` to `squeeze` channels, SiLU, `fc2` back, sigmoid, and the input scaled channel-wise by it.
 * torchvision's 1x1 convolutions act on a 1x1 map, so here they are dense layers ([in, out] weights).
 */
export function squeezeExcitation(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  squeeze: number,
  init: { weight: (fanOut: number) => Init; bias: Init },
): Layer {
  const channels = inputShape[2];
  const fc1 = dense(builder, block, `${prefix}.fc1`, [channels], squeeze, 'linear', { weightInit: init.weight(squeeze), biasInit: init.bias });
  const fc2 = dense(builder, block, `${prefix}.fc2`, [squeeze], channels, 'sigmoid', { weightInit: init.weight(channels), biasInit: init.bias });
  return {
    outputShape: inputShape,
    apply(x, training) {
      const pooled = tf.mean(x, [1, 2]);
      const scale = fc2.apply(silu(fc1.apply(pooled, training)), training);
      return tf.mul(x, tf.reshape(scale, [x.shape[0], 1, 1, channels]));
    },
  };
}
