import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import type { Model } from '../../../../../shared/ml/models/model.js';

/** Checks shared by the tests against torchvision's models (golden files of tests/unit/shared/ml/models/golden/). */

/** The input formula of the golden generators: sin(0.11·i) over the NHWC flat index. */
export function imageInput(shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(0.11 * i)), shape);
}

/**
 * Float32 logits against PyTorch's float64 ones, but for `illConditioned`: the indices the generator
 * found that float32 PyTorch itself does not reproduce (make_torchvision_golden.py,
 * float32_ill_conditioned, which uses this tolerance); at most half of the logits may be left out.
 */
export function assertClose(actual: ArrayLike<number>, expected: number[], label: string, illConditioned: readonly number[] = []): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  assert.ok(2 * illConditioned.length <= expected.length, `${label}: ${illConditioned.length} of ${expected.length} logits ill-conditioned`);
  const leftOut = new Set(illConditioned);
  for (let i = 0; i < expected.length; i++) {
    if (leftOut.has(i)) continue;
    const tolerance = 2e-4 + 1e-3 * Math.abs(expected[i]);
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${label}[${i}]: ${actual[i]} vs PyTorch ${expected[i]}`);
  }
}

/** Training-mode cross-entropy (labels i % classes) and its gradients, with the logits. */
export function trainStep(model: Model, x: tf.Tensor, classes: number): { logits: tf.Tensor; grads: tf.NamedTensorMap } {
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: x.shape[0] }, (_, i) => i % classes), 'int32'), classes);
  let logits: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    logits = tf.keep(model.forward(x, true));
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  }, model.params.map((p) => p.variable));
  tf.dispose([labels, value]);
  return { logits: logits as tf.Tensor, grads };
}

/**
 * Per parameter, the gradient's sum and sum of squares (layout-free) against PyTorch's, keyed by the
 * torchvision name each parameter comes from; float32 noise is judged relative to the whole gradient
 * (a conv bias before batch norm has a zero gradient). Lists every parameter that differs.
 */
export function assertGradients(label: string, model: Model, grads: tf.NamedTensorMap, torch: Record<string, [number, number]>, sources: Map<string, string>): void {
  const torchGradients = Object.values(torch);
  assert.equal(torchGradients.length, model.params.length, `${label}: as many parameters as torchvision`);
  const globalScale = Math.sqrt(torchGradients.reduce((n, [, sq]) => n + sq, 0));
  const wrong: string[] = [];
  for (const p of model.params) {
    const g = grads[p.variable.name].dataSync();
    let sum = 0;
    let sumSq = 0;
    for (const v of g) {
      sum += v;
      sumSq += v * v;
    }
    const source = sources.get(p.name) ?? '';
    assert.ok(torch[source], `${label}: ${p.name} comes from torchvision's ${source}`);
    const [torchSum, torchSumSq] = torch[source];
    const scale = Math.sqrt(torchSumSq * g.length);
    if (Math.abs(sum - torchSum) > 1e-4 * globalScale + 2e-3 * scale) wrong.push(`${p.name}: gradient sum ${sum} vs PyTorch ${torchSum}`);
    if (Math.abs(sumSq - torchSumSq) > 1e-6 * globalScale ** 2 + 5e-3 * torchSumSq) wrong.push(`${p.name}: gradient sum of squares ${sumSq} vs PyTorch ${torchSumSq}`);
  }
  assert.deepEqual(wrong, [], `${label}: ${wrong.length} gradients differ from PyTorch's`);
}
