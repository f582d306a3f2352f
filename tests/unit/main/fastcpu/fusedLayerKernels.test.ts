import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { softmaxCrossEntropyKernelName, softmaxCrossEntropyLoss } from '../../../../shared/ml/losses/softmaxCrossEntropyLoss.js';
import { convLayerKernelName } from '../../../../shared/ml/models/layers/conv2d.js';
import { denseKernelName } from '../../../../shared/ml/models/layers/dense.js';
import { assertNear, countCalls, valueAndGrads, withoutKernel } from './gradientHarness.js';
import { pick, randInt, randomTensor, skipReason } from './kernelHarness.js';

describe('fused dense layer (OptlabDense) against tf.fused.matMul', { skip: skipReason }, () => {
  for (const activation of ['linear', 'relu', 'sigmoid'] as const) {
    for (const withBias of [true, false]) {
      it(`${activation}${withBias ? ' + bias' : ''}: output and the gradients of x, W and b, random shapes`, () => {
        for (let trial = 0; trial < 4; trial++) {
          const m = randInt(1, 40);
          const k = randInt(1, 70);
          const n = randInt(1, 33);
          const x = randomTensor([m, k], pick([false, true]));
          const w = randomTensor([k, n]);
          const b = randomTensor([n]);
          const probe = randomTensor([m, n]);
          const fused = (xi: tf.Tensor, wi: tf.Tensor, bi?: tf.Tensor) =>
            tf.engine().runKernel(denseKernelName, bi ? { x: xi, weight: wi, bias: bi } : { x: xi, weight: wi }, { activation, hasBias: Boolean(bi) }) as tf.Tensor;
          const reference = (xi: tf.Tensor, wi: tf.Tensor, bi?: tf.Tensor) =>
            tf.fused.matMul({ a: xi as tf.Tensor2D, b: wi as tf.Tensor2D, bias: bi, activation });
          const xs = withBias ? [x, w, b] : [x, w];
          let fast: ReturnType<typeof valueAndGrads> = { value: new Float32Array(), grads: [] };
          const calls = countCalls(`${denseKernelName}Grad`, () => (fast = valueAndGrads(fused, xs, probe)));
          assert.equal(calls, 1, 'the gradient ran natively once');
          const ref = withoutKernel(denseKernelName, () => valueAndGrads(reference, xs, probe));
          assertNear(fast.value, ref.value, 'y');
          fast.grads.forEach((g, i) => assertNear(g, ref.grads[i]!, ['dx', 'dW', 'db'][i]!));
          tf.dispose([x, w, b, probe]);
        }
      });
    }
  }

  it('the MLP layer uses it, and not for a first layer’s input gradient (one BatchMatMul per layer after the first)', () => {
    const x = randomTensor([8, 12]);
    const w1 = tf.variable(randomTensor([12, 6]), true, `w1_${Math.random()}`);
    const w2 = tf.variable(randomTensor([6, 3]), true, `w2_${Math.random()}`);
    const dense = (xi: tf.Tensor, w: tf.Tensor, activation: string) => tf.engine().runKernel(denseKernelName, { x: xi, weight: w }, { activation, hasBias: false }) as tf.Tensor;
    const matMuls = countCalls('BatchMatMul', () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(dense(dense(x, w1, 'relu'), w2, 'linear')) as tf.Scalar, [w1, w2]);
      tf.dispose([value, ...Object.values(grads)]);
    });
    assert.equal(matMuls, 1);
    tf.dispose([x, w1, w2]);
  });
});

describe('conv layer kernel (OptlabConv2D) against tf.fused.conv2d', { skip: skipReason }, () => {
  for (const inC of [1, 8, 16, 32]) {
    it(`${inC} input channel(s)${inC >= 16 ? ' (direct, no im2col, for 32 or 64 outputs)' : ' (im2col)'}: output and the gradients of x, filter and bias; relu/linear, strides 1–2, paddings`, () => {
      for (let trial = 0; trial < 4; trial++) {
        const k = pick([1, 3, 5]);
        const stride = pick([1, 2]);
        const pad = pick(['valid', 'same', 1] as const);
        const activation = pick(['relu', 'linear'] as const);
        const withBias = pick([true, false]);
        const size = randInt(k + 1, 12);
        const outC = inC >= 16 ? pick([32, 64, randInt(1, 20)]) : randInt(1, 20);
        const x = randomTensor([randInt(1, 4), size, size, inC]);
        const filter = randomTensor([k, k, inC, outC]);
        const bias = randomTensor([outC]);
        const attrs = { strides: stride, pad, dataFormat: 'NHWC', dilations: 1, activation };
        const fused = (xi: tf.Tensor, fi: tf.Tensor, bi?: tf.Tensor) =>
          tf.engine().runKernel(convLayerKernelName, bi ? { x: xi, filter: fi, bias: bi } : { x: xi, filter: fi }, attrs) as tf.Tensor;
        const reference = (xi: tf.Tensor, fi: tf.Tensor, bi?: tf.Tensor) =>
          tf.fused.conv2d({ x: xi as tf.Tensor4D, filter: fi as tf.Tensor4D, strides: stride, pad, bias: bi, activation });
        const shape = tf.tidy(() => fused(x, filter, withBias ? bias : undefined).shape);
        const probe = randomTensor(shape);
        const xs = withBias ? [x, filter, bias] : [x, filter];
        const what = `k ${k} stride ${stride} pad ${pad} ${activation}${withBias ? ' bias' : ''}`;
        let fast: ReturnType<typeof valueAndGrads> = { value: new Float32Array(), grads: [] };
        const calls = countCalls(convLayerKernelName, () => (fast = valueAndGrads(fused, xs, probe)));
        assert.equal(calls, 2, `${what}: ran natively (value and gradient tape)`);
        const ref = withoutKernel(convLayerKernelName, () => valueAndGrads(reference, xs, probe));
        assertNear(fast.value, ref.value, `${what}: y`, 1e-5);
        fast.grads.forEach((g, i) => assertNear(g, ref.grads[i]!, `${what}: ${['dx', 'dW', 'db'][i]}`, 1e-5));
        tf.dispose([x, filter, bias, probe]);
      }
    });
  }
});

describe('fused softmax cross-entropy (OptlabSoftmaxCrossEntropy) against tf.losses.softmaxCrossEntropy', { skip: skipReason }, () => {
  it('loss and the gradient of the logits, one-hot (int32 and float32) and soft labels, large logits', () => {
    for (let trial = 0; trial < 8; trial++) {
      const rows = randInt(1, 50);
      const classes = randInt(2, 20);
      const scale = pick([1, 10, 80]);
      const logits = tf.mul(randomTensor([rows, classes]), scale);
      const ids = tf.tensor1d(Array.from({ length: rows }, () => randInt(0, classes - 1)), 'int32');
      const labels = pick(['int32', 'float32', 'soft'] as const);
      const y = labels === 'soft' ? tf.softmax(randomTensor([rows, classes])) : labels === 'int32' ? tf.oneHot(ids, classes) : tf.cast(tf.oneHot(ids, classes), 'float32');
      const f = (l: tf.Tensor) => softmaxCrossEntropyLoss(y, l);
      let fast: ReturnType<typeof valueAndGrads> = { value: new Float32Array(), grads: [] };
      const calls = countCalls(softmaxCrossEntropyKernelName, () => (fast = valueAndGrads(f, [logits], null)));
      assert.equal(calls, 2, 'forward ran natively (value and gradient tape)');
      const ref = withoutKernel(softmaxCrossEntropyKernelName, () => valueAndGrads((l) => tf.losses.softmaxCrossEntropy(y, l), [logits], null));
      assertNear(fast.value, ref.value, `loss (${labels}, ×${scale})`, 1e-5);
      assertNear(fast.grads[0]!, ref.grads[0]!, `dlogits (${labels}, ×${scale})`, 1e-5);
      tf.dispose([logits, ids, y]);
    }
  });
});
