import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateEtaSeconds, progressFraction } from '../../../../shared/runs/eta.js';

describe('progressFraction', () => {
  test('is the share of the run\'s optimizer steps done, clamped to [0, 1]', () => {
    assert.equal(progressFraction({ epoch: 1, totalEpochs: 4, step: 25, totalSteps: 100 }), 0.25);
    assert.equal(progressFraction({ epoch: 4, totalEpochs: 4, step: 100, totalSteps: 100 }), 1);
    assert.equal(progressFraction({ epoch: 4, totalEpochs: 4, step: 120, totalSteps: 100 }), 1);
  });

  test('falls back to epochs when there is no step count', () => {
    assert.equal(progressFraction({ epoch: 1, totalEpochs: 4, step: 0, totalSteps: 0 }), 0.25);
    assert.equal(progressFraction({ epoch: 0, totalEpochs: 0, step: 0, totalSteps: 0 }), 0);
  });
});

describe('estimateEtaSeconds', () => {
  test('extrapolates the pace since the first sample', () => {
    // 20% of the run in 10 s: the remaining 70% take 35 s.
    assert.equal(estimateEtaSeconds({ fraction: 0.1, timeSeconds: 5 }, { fraction: 0.3, timeSeconds: 15 }), 35);
    assert.equal(estimateEtaSeconds({ fraction: 0, timeSeconds: 0 }, { fraction: 0.5, timeSeconds: 60 }), 60);
  });

  test('is null until the run has advanced over some time', () => {
    assert.equal(estimateEtaSeconds({ fraction: 0.2, timeSeconds: 1 }, { fraction: 0.2, timeSeconds: 9 }), null);
    assert.equal(estimateEtaSeconds({ fraction: 0.1, timeSeconds: 3 }, { fraction: 0.2, timeSeconds: 3 }), null);
    assert.equal(estimateEtaSeconds({ fraction: 0.3, timeSeconds: 1 }, { fraction: 0.2, timeSeconds: 5 }), null);
  });

  test('is zero once the run is done', () => {
    assert.equal(estimateEtaSeconds({ fraction: 0.1, timeSeconds: 0 }, { fraction: 1, timeSeconds: 10 }), 0);
  });
});
