import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracy } from '../../../../../shared/ml/metrics/accuracy.js';
import { argmaxRows, confusionMatrix } from '../../../../../shared/ml/metrics/confusionMatrix.js';
import { macroF1, perClassF1 } from '../../../../../shared/ml/metrics/macroF1.js';
import { perplexityFromLoss } from '../../../../../shared/ml/metrics/perplexity.js';

const truth = [0, 0, 1, 1, 2, 2];
const predicted = [0, 1, 1, 1, 2, 0];

test('accuracy counts matches', () => {
  assert.equal(accuracy(truth, predicted), 4 / 6);
  assert.equal(accuracy([], []), 0);
  assert.throws(() => accuracy([1], [1, 2]), /1 labels but 2 predictions/);
});

test('confusion matrix has truth rows and prediction columns', () => {
  const cm = confusionMatrix(truth, predicted, 3);
  assert.deepEqual(Array.from(cm.matrix), [1, 1, 0, 0, 2, 0, 1, 0, 1]);
  assert.throws(() => confusionMatrix([3], [0], 3), /label 3 at 0/);
});

test('macro-F1 averages per-class F1 (hand-computed: 0.5, 0.8, 2/3)', () => {
  const cm = confusionMatrix(truth, predicted, 3);
  const f1 = perClassF1(cm);
  assert.ok(Math.abs(f1[0] - 0.5) < 1e-12);
  assert.ok(Math.abs(f1[1] - 0.8) < 1e-12);
  assert.ok(Math.abs(f1[2] - 2 / 3) < 1e-12);
  assert.ok(Math.abs(macroF1(cm) - (0.5 + 0.8 + 2 / 3) / 3) < 1e-12);
});

test('macro-F1 skips classes absent from labels and predictions, counts wrong-only classes as 0', () => {
  // 4 classes, class 3 never appears; class 2 is predicted once but never true.
  const cm = confusionMatrix([0, 1, 1], [0, 1, 2], 4);
  // class 0: 1.0; class 1: 2/(2+0+1) = 2/3; class 2: 0; class 3 absent.
  assert.ok(Math.abs(macroF1(cm) - (1 + 2 / 3 + 0) / 3) < 1e-12);
  assert.equal(macroF1(confusionMatrix([], [], 3)), 0);
});

test('argmaxRows picks the largest logit per row, first on ties', () => {
  assert.deepEqual(Array.from(argmaxRows([0.1, 2, -1, 5, 5, 0], 3)), [1, 0]);
});

test('perplexity is exp of the mean loss in nats', () => {
  assert.equal(perplexityFromLoss(0), 1);
  assert.ok(Math.abs(perplexityFromLoss(Math.log(100)) - 100) < 1e-9);
});
