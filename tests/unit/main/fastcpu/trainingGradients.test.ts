import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { registerFastCpuKernels, unregisterFastCpuKernels } from '../../../../main/fastcpu/registerFastCpuKernels.js';
// tfjs-core's Node bundle has no gradients; the models library registers them (a generated bundle,
// always built: tests/unit/shared/ml/models/gradients/tfjsGradientsBundle.test.ts checks it).
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { randomTensor, skipReason as skip } from './kernelHarness.js';

interface LossAndGrads {
  loss: number;
  grads: Float32Array[];
}

/** Same loss, and every gradient (not all zero) equal within `tolerance` of its largest entry. */
function assertSameGradients(native: LossAndGrads, reference: LossAndGrads, names: string[], tolerance: number): void {
  assert.ok(Math.abs(native.loss - reference.loss) < 1e-5, `loss ${native.loss} vs ${reference.loss}`);
  native.grads.forEach((g, i) => {
    const r = reference.grads[i]!;
    let scale = 1e-3;
    for (const v of r) scale = Math.max(scale, Math.abs(v));
    assert.ok(r.some((v) => v !== 0), `${names[i]}: reference gradient is all zero`);
    for (let j = 0; j < r.length; j++) {
      assert.ok(Math.abs(g[j]! - r[j]!) <= tolerance * scale, `${names[i]}[${j}]: ${g[j]} vs ${r[j]}`);
    }
  });
}

function lossAndGrads(vars: tf.Variable[], x: tf.Tensor4D, labels: tf.Tensor2D): LossAndGrads {
  const [c1, b1, c2, b2, w, b] = vars as [tf.Variable<tf.Rank.R4>, tf.Variable, tf.Variable<tf.Rank.R4>, tf.Variable, tf.Variable<tf.Rank.R2>, tf.Variable];
  const { value, grads } = tf.variableGrads(() => {
    const h1 = tf.fused.conv2d({ x, filter: c1, strides: 1, pad: 'valid', bias: b1, activation: 'relu' });
    const p1 = tf.maxPool(h1, 2, 2, 'valid');
    const h2 = tf.fused.conv2d({ x: p1, filter: c2, strides: 2, pad: 'same', bias: b2, activation: 'relu' });
    const p2 = tf.maxPool(h2, 2, 1, 'same');
    const flat = tf.reshape(p2, [x.shape[0], -1]) as tf.Tensor2D;
    const logits = tf.fused.matMul({ a: flat, b: w, bias: b, activation: 'linear' });
    return tf.losses.softmaxCrossEntropy(labels, tf.relu(logits)) as tf.Scalar;
  }, vars);
  const result = { loss: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return result;
}

test('gradients of a small CNN are the same with native and original cpu kernels', { skip }, () => {
  const x = randomTensor([6, 12, 12, 2]) as tf.Tensor4D;
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0], 'int32'), 5) as tf.Tensor2D;
  const vars = [
    tf.variable(tf.mul(randomTensor([3, 3, 2, 4]), 0.3), true, 'c1'),
    tf.variable(tf.mul(randomTensor([4]), 0.1), true, 'b1'),
    tf.variable(tf.mul(randomTensor([3, 3, 4, 6]), 0.3), true, 'c2'),
    tf.variable(tf.mul(randomTensor([6]), 0.1), true, 'b2'),
    tf.variable(tf.mul(randomTensor([54, 5]), 0.3), true, 'w'),
    tf.variable(tf.mul(randomTensor([5]), 0.1), true, 'b'),
  ];
  const native = lossAndGrads(vars, x, labels);
  unregisterFastCpuKernels();
  const reference = lossAndGrads(vars, x, labels);
  assert.ok(registerFastCpuKernels().ok);
  assertSameGradients(native, reference, vars.map((v) => v.name), 1e-4);
  tf.dispose([x, labels, ...vars]);
});

/** conv → batch norm (batch statistics) without affine, as a residual block uses it. */
function convBn(x: tf.Tensor4D, filter: tf.Variable, stride: number): tf.Tensor4D {
  const y = tf.conv2d(x, filter as tf.Tensor4D, stride, 'same');
  const { mean, variance } = tf.moments(y, [0, 1, 2]);
  return tf.div(tf.sub(y, mean), tf.sqrt(tf.add(variance, 1e-5)));
}

test('gradients of a ResNet basic block (stride 2, 1x1 projection, batch norm) match', { skip }, () => {
  const x = randomTensor([4, 8, 8, 3]) as tf.Tensor4D;
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3) as tf.Tensor2D;
  const vars = [
    tf.variable(tf.mul(randomTensor([3, 3, 3, 6]), 0.3), true, 'conv1'),
    tf.variable(tf.mul(randomTensor([3, 3, 6, 6]), 0.3), true, 'conv2'),
    tf.variable(tf.mul(randomTensor([1, 1, 3, 6]), 0.3), true, 'shortcut'),
    tf.variable(tf.mul(randomTensor([6, 3]), 0.3), true, 'fc'),
  ];
  const run = (): LossAndGrads => {
    const { value, grads } = tf.variableGrads(() => {
      const [c1, c2, sc, fc] = vars as [tf.Variable, tf.Variable, tf.Variable, tf.Variable<tf.Rank.R2>];
      const h = tf.relu(convBn(x, c1, 2));
      const out = tf.relu(tf.add(convBn(h, c2, 1), convBn(x, sc, 2)));
      const pooled = tf.mean(out, [1, 2]) as tf.Tensor2D;
      return tf.losses.softmaxCrossEntropy(labels, tf.matMul(pooled, fc)) as tf.Scalar;
    }, vars);
    const result = { loss: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync() as Float32Array) };
    tf.dispose([value, ...Object.values(grads)]);
    return result;
  };
  const native = run();
  unregisterFastCpuKernels();
  const reference = run();
  assert.ok(registerFastCpuKernels().ok);
  assertSameGradients(native, reference, vars.map((v) => v.name), 2e-4);
  tf.dispose([x, labels, ...vars]);
});
