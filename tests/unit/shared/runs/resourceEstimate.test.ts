import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMethods, maxPointsPerSeries } from '../../../../shared/api/contract.js';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';
import { estimateDatabaseGrowth, estimateTrainingMemory, formatByteCount } from '../../../../shared/runs/resourceEstimate.js';

describe('resource estimates', () => {
  it('puts a 10¹⁰-step surface run at terabytes of metrics', () => {
    const config = runConfigSchema.parse({
      dataset: { kind: 'surface', surface: 'rosenbrock' },
      model: { kind: 'point' },
      optimizer: { type: 'sgd', lr: 0.01 },
      training: { epochs: 10_000, stepsPerEpoch: 1_000_000 },
    });
    const growth = estimateDatabaseGrowth(config, 0);
    assert.equal(growth.steps, 1e10);
    assert.ok(growth.bytes > 5e12, formatByteCount(growth.bytes));
  });

  it('counts a dataset run’s steps from its training set and batch size', () => {
    const config = runConfigSchema.parse({
      dataset: { kind: 'fashion-mnist' },
      model: { kind: 'mlp', hidden: [8] },
      optimizer: { type: 'sgd', lr: 0.01 },
      training: { epochs: 2, batchSize: 100 },
    });
    assert.equal(estimateDatabaseGrowth(config, 60_000).steps, 1200);
  });

  it('puts a 16 × 8192 MLP at batch 65,536 far beyond a machine', () => {
    const params = 784 * 8192 + 15 * 8192 * 8192 + 8192 * 10;
    const needed = estimateTrainingMemory({ paramCount: params, activationsPerSample: 16 * 8192 + 10 }, 65_536);
    assert.ok(needed > 64 * 1024 ** 3, formatByteCount(needed));
  });

  it('reads `maxPoints: 0` as every point up to the cap', () => {
    assert.equal(apiMethods.getMetrics.input.parse({ id: 1, maxPoints: 0 }).maxPoints, maxPointsPerSeries);
    assert.equal(apiMethods.getMetricsBatch.input.parse({ ids: [1], maxPoints: 0 }).maxPoints, maxPointsPerSeries);
    assert.equal(apiMethods.getMetrics.input.parse({ id: 1, maxPoints: 50 }).maxPoints, 50);
  });
});
