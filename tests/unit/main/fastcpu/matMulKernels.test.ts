import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithReference, pick, randInt, randomTensor, skipReason } from './kernelHarness.js';

test('BatchMatMul matches the cpu kernel for every transpose and broadcast batch', { skip: skipReason }, () => {
  for (let trial = 0; trial < 40; trial++) {
    const [m, n, k] = [randInt(1, 40), randInt(1, 40), randInt(1, 70)];
    const transposeA = trial % 2 === 1;
    const transposeB = Math.floor(trial / 2) % 2 === 1;
    const batches = pick([[[], []], [[3], [3]], [[1], [4]], [[2], [1]], [[2, 3], [2, 3]]] as const);
    const a = randomTensor([...batches[0], ...(transposeA ? [k, m] : [m, k])]);
    const b = randomTensor([...batches[1], ...(transposeB ? [n, k] : [k, n])]);
    compareWithReference('BatchMatMul', { a, b }, { transposeA, transposeB });
    tf.dispose([a, b]);
  }
});

test('_FusedMatMul fuses a per-column bias and each activation', { skip: skipReason }, () => {
  for (const activation of ['linear', 'relu', 'relu6', 'leakyrelu', 'sigmoid', 'elu']) {
    for (const transposeB of [false, true]) {
      const [m, n, k] = [randInt(1, 130), randInt(1, 40), randInt(1, 60)];
      const a = randomTensor([m, k]);
      const b = randomTensor(transposeB ? [n, k] : [k, n]);
      const bias = randomTensor([n]);
      compareWithReference('_FusedMatMul', { a, b, bias }, { transposeA: false, transposeB, activation, leakyreluAlpha: 0.3 });
      tf.dispose([a, b, bias]);
    }
  }
});

test('_FusedMatMul without bias, and with a bias it does not fuse (falls back)', { skip: skipReason }, () => {
  const a = randomTensor([5, 7]);
  const b = randomTensor([7, 3]);
  compareWithReference('_FusedMatMul', { a, b }, { transposeA: false, transposeB: false, activation: 'relu' });
  const fullBias = randomTensor([5, 3]);
  compareWithReference('_FusedMatMul', { a, b, bias: fullBias }, { transposeA: false, transposeB: false, activation: 'linear' }, { native: false });
  const alpha = randomTensor([3]);
  compareWithReference(
    '_FusedMatMul',
    { a, b, preluActivationWeights: alpha },
    { transposeA: false, transposeB: false, activation: 'prelu' },
    { native: false },
  );
  tf.dispose([a, b, fullBias, alpha]);
});
