import * as tf from '@tensorflow/tfjs-core';

/**
 * A kernel of the fast CPU path (registered by the training process when the native kernels are
 * built): the mean softmax cross-entropy of logits [batch, classes] against labels of the same shape
 * in one pass, and its gradient (softmax − labels)·dy/batch in one more.
 */
export const softmaxCrossEntropyKernelName = 'OptlabSoftmaxCrossEntropy';

/**
 * The training loss of classification runs: the mean over the batch of −Σ labels·log softmax(logits),
 * as `tf.losses.softmaxCrossEntropy(labels, logits)` (no weights, no label smoothing) computes it;
 * through the fused kernel where the active backend has it.
 */
export function softmaxCrossEntropyLoss(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  if (logits.rank === 2 && labels.rank === 2 && tf.getKernel(softmaxCrossEntropyKernelName, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(softmaxCrossEntropyKernelName, { logits, labels }, {}) as tf.Scalar;
  }
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}
