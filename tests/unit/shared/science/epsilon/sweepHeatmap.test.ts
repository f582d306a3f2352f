import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildHeatmap, type HeatmapRun } from '../../../../../shared/science/epsilon/sweepHeatmap.js';

/** A β2 × ε map whose one cell holds two learning rates, two seeds each. */
const runs: HeatmapRun[] = [
  { runId: 1, eps: 1e-8, y: 0.999, other: 1e-3, best: 0.9 },
  { runId: 2, eps: 1e-8, y: 0.999, other: 1e-3, best: 0.8 },
  { runId: 3, eps: 1e-8, y: 0.999, other: 1e-1, best: 0.2 },
  { runId: 4, eps: 1e-8, y: 0.999, other: 1e-1, best: 0.4 },
];

describe('heatmap cells say what they aggregate', () => {
  it('best over learning rates: the mean over seeds at each rate, then the best rate (not the mean over rates)', () => {
    const map = buildHeatmap(runs, true);
    assert.ok(Math.abs(map.cells[0][0]! - 0.85) < 1e-12, 'mean of 0.9 and 0.8 at lr 1e-3; the old map said 0.575');
    assert.deepEqual(map.others, [1e-3, 1e-1]);
    assert.equal(map.counts[0][0], 4);
    assert.deepEqual(map.aggregation, { kind: 'best' });
  });

  it('at a chosen learning rate: only that rate’s runs', () => {
    const map = buildHeatmap(runs, true, { kind: 'at', value: 1e-1 });
    assert.ok(Math.abs(map.cells[0][0]! - 0.3) < 1e-12);
    assert.equal(map.counts[0][0], 2);
    assert.equal(buildHeatmap(runs, true, { kind: 'at', value: 5 }).cells[0][0], null);
  });

  it('lower is better for losses', () => {
    assert.ok(Math.abs(buildHeatmap(runs, false).cells[0][0]! - 0.3) < 1e-12);
  });
});
