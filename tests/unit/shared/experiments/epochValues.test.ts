import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestValue, epochValueOf, finalValue, summarizeTrials, type EpochSeries } from '../../../../shared/experiments/aggregateTrials.js';

/** Five epochs where accuracy peaks at epoch 3 and the validation accuracy at epoch 2. */
const series: Record<string, EpochSeries> = {
  'test/accuracy': { epochs: [1, 2, 3, 4, 5], values: [0.71, 0.8, 0.86, 0.83, 0.82] },
  'test/loss': { epochs: [1, 2, 3, 4, 5], values: [0.9, 0.6, 0.62, 0.5, 0.55] },
  'val/accuracy': { epochs: [1, 2, 3, 4, 5], values: [0.7, 0.88, 0.85, 0.85, 0.84] },
};

test('final is the last finite epoch value, best the max or min by the metric’s direction', () => {
  assert.equal(epochValueOf(series, 'test/accuracy', { of: 'final' }), 0.82);
  assert.equal(epochValueOf(series, 'test/accuracy', { of: 'best' }), 0.86);
  assert.equal(epochValueOf(series, 'test/loss', { of: 'best' }), 0.5, 'a loss is best at its lowest');
  assert.equal(finalValue([0.5, 0.4, Number.NaN]), 0.4, 'a non-finite last value is passed over');
  assert.equal(bestValue([Number.NaN, 0.2, Infinity], 'test/accuracy'), 0.2);
  assert.equal(finalValue([]), null);
  assert.equal(bestValue([Number.NaN], 'test/loss'), null);
});

test('at the best epoch of another metric: the value at the epoch where that metric was best (its first such epoch)', () => {
  assert.equal(epochValueOf(series, 'test/accuracy', { of: 'atBestEpoch', by: 'val/accuracy' }), 0.8);
  assert.equal(epochValueOf(series, 'test/loss', { of: 'atBestEpoch', by: 'val/accuracy' }), 0.6);
  assert.equal(epochValueOf(series, 'test/accuracy', { of: 'atBestEpoch', by: 'test/accuracy' }), 0.86, 'by itself it is its best');
  assert.equal(epochValueOf(series, 'test/loss', { of: 'atBestEpoch', by: 'test/loss' }), 0.5);
  // Matched by epoch, not by position: a metric recorded from epoch 2 on.
  const late = { ...series, 'test/f1': { epochs: [2, 3, 4], values: [0.4, 0.5, 0.45] } };
  assert.equal(epochValueOf(late, 'test/f1', { of: 'atBestEpoch', by: 'val/accuracy' }), 0.4);
  assert.equal(epochValueOf(late, 'test/accuracy', { of: 'atBestEpoch', by: 'test/f1' }), 0.86);
  assert.equal(epochValueOf(series, 'test/accuracy', { of: 'atBestEpoch', by: 'val/missing' }), null);
  assert.equal(epochValueOf({ ...series, 'val/accuracy': { epochs: [7], values: [0.9] } }, 'test/accuracy', { of: 'atBestEpoch', by: 'val/accuracy' }), null, 'no value at that epoch');
});

test('the results tables’ final and best are the same reduction', () => {
  const summary = summarizeTrials(
    [
      { runId: 1, status: 'completed', series: { 'test/accuracy': series['test/accuracy'].values, 'test/loss': series['test/loss'].values } },
      { runId: 2, status: 'completed', series: { 'test/accuracy': [0.5, 0.9, Number.NaN], 'test/loss': [1, 0.7, 0.8] } },
    ],
    ['test/accuracy', 'test/loss'],
  );
  assert.equal(summary.metrics['test/accuracy'].final!.min, 0.82);
  assert.equal(summary.metrics['test/accuracy'].final!.max, 0.9);
  assert.equal(summary.metrics['test/accuracy'].best!.min, 0.86);
  assert.equal(summary.metrics['test/accuracy'].best!.max, 0.9);
  assert.equal(summary.metrics['test/loss'].best!.min, 0.5);
  assert.equal(summary.metrics['test/loss'].best!.max, 0.7);
});
