import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracy } from '../../../../../shared/ml/metrics/accuracy.js';
import { argmaxRows, confusionMatrix } from '../../../../../shared/ml/metrics/confusionMatrix.js';
import { macroF1, perClassF1 } from '../../../../../shared/ml/metrics/macroF1.js';
import { matthewsCorrelation } from '../../../../../shared/ml/metrics/matthewsCorrelation.js';
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

test('Matthews correlation: sklearn’s matthews_corrcoef (values computed with its formula in python3)', () => {
  const mcc = (t: number[], p: number[], classes: number) => matthewsCorrelation(confusionMatrix(t, p, classes));
  // sklearn's documentation example: y_true [+1, +1, +1, -1], y_pred [+1, -1, +1, +1] gives -0.33.
  assert.ok(Math.abs(mcc([1, 1, 1, 0], [1, 0, 1, 1], 2) - -0.3333333333333333) < 1e-12);
  // Two classes: TP 5, TN 4, FP 1, FN 2 → (5·4 − 1·2) / √(6·7·5·6) = 0.50709255283711.
  assert.ok(Math.abs(mcc([1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0], [1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0], 2) - 0.50709255283711) < 1e-12);
  // Three classes (the generalisation): 0.5222329678670935.
  assert.ok(Math.abs(mcc(truth, predicted, 3) - 0.5222329678670935) < 1e-12);
  assert.equal(mcc([0, 1, 0, 1], [0, 1, 0, 1], 2), 1);
  assert.equal(mcc([0, 1, 0, 1], [1, 0, 1, 0], 2), -1);
  // One class predicted (or true) only, or no samples: 0, as sklearn.
  assert.equal(mcc([0, 1, 0, 1], [1, 1, 1, 1], 2), 0);
  assert.equal(mcc([1, 1], [0, 1], 2), 0);
  assert.equal(mcc([], [], 2), 0);
});

test('argmaxRows picks the largest logit per row, first on ties', () => {
  assert.deepEqual(Array.from(argmaxRows([0.1, 2, -1, 5, 5, 0], 3)), [1, 0]);
});

test('perplexity is exp of the mean loss in nats', () => {
  assert.equal(perplexityFromLoss(0), 1);
  assert.ok(Math.abs(perplexityFromLoss(Math.log(100)) - 100) < 1e-9);
});
