import * as tf from '@tensorflow/tfjs-core';
import { convLayerKernelName } from '../../shared/ml/models/layers/conv2d.js';
import { ACTIVATION_GRAD_KERNEL } from './activationGradKernel.js';

/**
 * The gradient of the conv layer kernel `OptlabConv2D` (FusedConv2D's inputs and attrs, dilation 1):
 * dz = dy·act'(y) and db = Σ dz over pixels in one native pass (for linear db is a Sum of dy), dW =
 * Conv2DBackpropFilter(x, dz), and dx = Conv2DBackpropInput(dz, W) only when asked for (not for a
 * first layer's input). tfjs-core's own FusedConv2D gradient needs the activation split out first.
 */
export function registerConvLayerGradient(): void {
  tf.registerGradient({
    kernelName: convLayerKernelName,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const activation = (attrs.activation ?? 'linear') as string;
      let dz = dy as tf.Tensor4D;
      let db: tf.Tensor | undefined;
      if (activation !== 'linear') {
        // dz and the bias's gradient Σ dz from one native pass.
        const out = tf.engine().runKernel(ACTIVATION_GRAD_KERNEL, { dy: dy as tf.Tensor, y }, { activation, withBias: true }) as tf.Tensor[];
        [dz, db] = out as [tf.Tensor4D, tf.Tensor];
      }
      const conv = { strides: attrs.strides, pad: attrs.pad, dataFormat: 'NHWC', dimRoundingMode: attrs.dimRoundingMode };
      return {
        x: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter }, { ...conv, inputShape: x.shape }) as tf.Tensor,
        filter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { ...conv, filterShape: filter.shape }) as tf.Tensor,
        bias: () => db ?? tf.sum(dz, [0, 1, 2]),
      };
    },
  });
}
