import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * A depthwise 2-D convolution (nn.Conv2d with groups = channels, no bias) over NHWC input, filter
 * [k, k, channels, 1], symmetric zero padding (k-1)/2 as PyTorch's.
 */
export function depthwiseConv2d(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  options: { kernel: number; stride: number; weightInit: Init },
): Layer {
  const [h, w, channels] = inputShape;
  const { kernel: k, stride } = options;
  const pad = (k - 1) / 2;
  if (!Number.isInteger(pad)) throw new Error(`${prefix}: a depthwise convolution needs an odd kernel`);
  const weight = builder.param(block, `${prefix}.weight`, [k, k, channels, 1], options.weightInit);
  const outputShape = [Math.floor((h + 2 * pad - k) / stride) + 1, Math.floor((w + 2 * pad - k) / stride) + 1, channels];
  builder.layer({ name: prefix, block, kind: `depthwise${k}x${k}`, outputShape, paramCount: weight.size });
  return {
    outputShape,
    apply(x) {
      const same = stride === 1 && pad > 0;
      return tf.depthwiseConv2d(x as tf.Tensor4D, weight as tf.Tensor4D, stride, pad === 0 ? 'valid' : same ? 'same' : pad);
    },
  };
}
