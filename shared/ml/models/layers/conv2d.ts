import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * A kernel of the fast CPU path (registered with its gradient when the native kernels are built):
 * FusedConv2D's convolution + bias + activation as one kernel also while gradients are recorded,
 * where tfjs-core splits `tf.fused.conv2d` with relu into Conv2D, Add and Relu (and its gradient).
 */
export const convLayerKernelName = 'OptlabConv2D';

export interface Conv2dOptions {
  kernel: number;
  stride?: number;
  /** 'valid' (no padding) or a symmetric zero padding in pixels ('same' for odd kernels at stride 1). */
  padding?: 'valid' | 'same' | number;
  bias?: boolean;
  activation?: 'linear' | 'relu';
  /** The weight's initialisation when not nn.Conv2d's default (torchvision's models set their own). */
  weightInit?: Init;
  biasInit?: Init;
}

function outputSize(size: number, kernel: number, stride: number, pad: number): number {
  return Math.floor((size + 2 * pad - kernel) / stride) + 1;
}

/**
 * A 2-D convolution over NHWC input, filter [k, k, in, out] (nn.Conv2d's default initialisation,
 * fan-in k·k·in). Runs as `FusedConv2D` with bias and ReLU fused.
 */
export function conv2d(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  filters: number,
  options: Conv2dOptions,
): Layer {
  const [h, w, inChannels] = inputShape;
  const k = options.kernel;
  const stride = options.stride ?? 1;
  const pad = options.padding === undefined || options.padding === 'valid' ? 0 : options.padding === 'same' ? (k - 1) / 2 : options.padding;
  if (!Number.isInteger(pad)) throw new Error(`${prefix}: 'same' padding needs an odd kernel`);
  const fanIn = k * k * inChannels;
  const weight = builder.param(block, `${prefix}.weight`, [k, k, inChannels, filters], options.weightInit ?? { kind: 'kaiming-uniform', fanIn });
  const bias = options.bias === false ? undefined : builder.param(block, `${prefix}.bias`, [filters], options.biasInit ?? { kind: 'fan-in-uniform', fanIn });
  const outputShape = [outputSize(h, k, stride, pad), outputSize(w, k, stride, pad), filters];
  if (outputShape[0] < 1 || outputShape[1] < 1) {
    throw new Error(`${prefix}: input ${h}x${w} is too small for a ${k}x${k} convolution`);
  }
  builder.layer({ name: prefix, block, kind: `conv${k}x${k}`, outputShape, paramCount: weight.size + (bias?.size ?? 0) });
  const activation = options.activation ?? 'linear';
  return {
    outputShape,
    apply(x) {
      // Stride 1 with (k-1)/2 padding is TensorFlow's 'same'; any other padding is given as a number
      // (symmetric, as PyTorch's), which the conv kernels apply themselves: an explicit tf.pad (and
      // the slice of its gradient) costs more than the convolution on the cpu backend.
      const same = stride === 1 && pad === (k - 1) / 2 && pad > 0;
      const padding = pad === 0 ? 'valid' : same ? 'same' : pad;
      if (tf.getKernel(convLayerKernelName, tf.getBackend()) !== undefined) {
        const inputs: tf.NamedTensorMap = bias === undefined ? { x, filter: weight } : { x, filter: weight, bias };
        return tf.engine().runKernel(convLayerKernelName, inputs, { strides: stride, pad: padding, dataFormat: 'NHWC', dilations: 1, activation }) as tf.Tensor;
      }
      return tf.fused.conv2d({ x: x as tf.Tensor4D, filter: weight as tf.Tensor4D, strides: stride, pad: padding, bias, activation });
    },
  };
}
