/**
 * The PyTorch golden tests of the image and transformer models (EfficientNetV2-S, DenseNet, ViT,
 * BERT: logits and gradients) once more with the native kernels registered, so that the native
 * depthwise convolution, layer norm, GELU, slicing and concatenation are held to PyTorch too.
 */
import { test } from 'node:test';
import { requiredSkip } from './gradientHarness.js';
import { nativeKernelsMissing } from './kernelHarness.js';

if (nativeKernelsMissing === null) {
  await import('../../shared/ml/models/torchvisionEquivalence.test.js');
  await import('../../shared/ml/models/transformerEquivalence.test.js');
} else {
  test('golden models on the native kernels', { skip: requiredSkip }, () => {
    throw new Error(`the native kernels did not build or load: ${nativeKernelsMissing}`);
  });
}
