import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeStats, describeExcluded, metricDirection, summarizeTrials } from '../../../../shared/experiments/aggregateTrials.js';

test('stats: mean, sample std (n − 1), min, max; non-finite values left out', () => {
  assert.deepEqual(computeStats([2, 4, 4, 4, 5, 5, 7, 9, Number.NaN]), { mean: 5, std: Math.sqrt(32 / 7), min: 2, max: 9, n: 8 });
  assert.deepEqual(computeStats([3]), { mean: 3, std: 0, min: 3, max: 3, n: 1 });
  assert.equal(computeStats([Number.NaN]), null);
});

test('metric direction: accuracy and F1 are better high, losses and distances low', () => {
  assert.equal(metricDirection('test/accuracy'), 'max');
  assert.equal(metricDirection('test/macro_f1'), 'max');
  assert.equal(metricDirection('test/loss'), 'min');
  assert.equal(metricDirection('surface/distance_to_min'), 'min');
});

test('summaries use completed trials only and count the others by status', () => {
  const summary = summarizeTrials(
    [
      { runId: 1, status: 'completed', series: { 'test/accuracy': [0.5, 0.8, 0.7], 'test/loss': [1, 0.5, 0.6] } },
      { runId: 2, status: 'completed', series: { 'test/accuracy': [0.6, 0.9], 'test/loss': [0.9, 0.4] } },
      { runId: 3, status: 'failed', series: { 'test/accuracy': [0.99], 'test/loss': [0.01] } },
      { runId: 4, status: 'diverged', series: { 'test/accuracy': [0.1] } },
      { runId: 5, status: 'failed', series: {} },
      { runId: 6, status: 'queued', series: {} },
      { runId: 7, status: 'running', series: { 'test/accuracy': [0.3] } },
    ],
    ['test/accuracy', 'test/loss'],
  );
  assert.equal(summary.included, 2);
  assert.equal(summary.excludedCount, 3);
  assert.deepEqual(summary.excluded, { failed: 2, diverged: 1 });
  assert.equal(summary.pending, 2, 'queued and running trials are pending, not excluded');
  assert.equal(describeExcluded(summary.excluded), '2 failed, 1 diverged');
  const accuracy = summary.metrics['test/accuracy'];
  assert.equal(accuracy.final!.mean, 0.8); // (0.7 + 0.9) / 2
  assert.deepEqual([accuracy.final!.min, accuracy.final!.max], [0.7, 0.9]);
  assert.deepEqual([accuracy.best!.min, accuracy.best!.max, accuracy.best!.n], [0.8, 0.9, 2]);
  const loss = summary.metrics['test/loss'];
  assert.deepEqual([loss.best!.min, loss.best!.max], [0.4, 0.5], 'best loss is the lowest');
  assert.ok(Math.abs(loss.final!.std - Math.SQRT1_2 * 0.2) < 1e-12);
});

test('a group whose trials all failed has no statistics but keeps its counts', () => {
  const summary = summarizeTrials([{ runId: 1, status: 'failed', series: { 'test/loss': [1] } }], ['test/loss']);
  assert.deepEqual(summary.metrics['test/loss'], { final: null, best: null });
  assert.equal(summary.excludedCount, 1);
});
