import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema } from '../../../../../shared/config/runConfig.js';
import { groupBySetting } from '../../../../../shared/experiments/groupRuns.js';
import type { MetricSeries, RunSummary } from '../../../../../shared/runs/runTypes.js';
import { groupLines, runLines, seriesXY } from '../../../../../renderer/src/compare/compareSeries.js';

const config = runConfigSchema.parse({ dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.001 }, training: { epochs: 2, stepsPerEpoch: 2 } });

function run(id: number, status: RunSummary['status']): RunSummary {
  return {
    id, name: `run ${id}`, status, createdAt: '', startedAt: null, finishedAt: null, config: { ...config, training: { ...config.training, seed: id } }, seed: id,
    backend: null, progress: { epoch: 2, totalEpochs: 2, step: 4, totalSteps: 4, etaSeconds: 0 }, error: null, lastMetrics: {},
  };
}

function loss(values: number[]): MetricSeries[] {
  return [{ key: 'train/loss_step', points: values.map((value, i) => ({ step: i + 1, epoch: 0, value, time: i * 0.5 })) }];
}

const runs = [run(1, 'completed'), run(2, 'completed'), run(3, 'failed')];
const series = new Map([
  [1, loss([4, 3, 2, 1])],
  [2, loss([6, 5, 4, 3])],
  [3, loss([100, 100])],
]);

test('a group is the mean of its completed trials with a min–max or ±std band', () => {
  const groups = groupBySetting(runs);
  assert.equal(groups.length, 1, 'the three seeds are one setting');
  const options = { metric: 'train/loss_step', xAxis: 'step' as const, smoothing: 0, band: 'minmax' as const, maxPoints: 0 };
  const [line] = groupLines(groups, series, options);
  assert.equal(line.runs, 2, 'the failed trial is left out');
  assert.deepEqual(line.points, [{ x: 1, y: 5 }, { x: 2, y: 4 }, { x: 3, y: 3 }, { x: 4, y: 2 }]);
  assert.deepEqual(line.band![0], { x: 1, lo: 4, hi: 6 });
  const [std] = groupLines(groups, series, { ...options, band: 'std' });
  assert.deepEqual(std.band![0], { x: 1, lo: 5 - Math.SQRT2, hi: 5 + Math.SQRT2 });
  const [none] = groupLines(groups, series, { ...options, band: 'none' });
  assert.equal(none.band, null);
});

test('single runs are drawn as they are, with EMA smoothing; x by epoch turns steps into fractional epochs', () => {
  const lines = runLines(runs.slice(0, 1), series, { metric: 'train/loss_step', xAxis: 'time', smoothing: 0, band: 'none', maxPoints: 0 });
  assert.deepEqual(lines[0].points.map((p) => p.x), [0, 0.5, 1, 1.5]);
  const smoothed = runLines(runs.slice(0, 1), series, { metric: 'train/loss_step', xAxis: 'step', smoothing: 0.9, band: 'none', maxPoints: 0 });
  assert.equal(smoothed[0].points[0].y, 4);
  assert.ok(smoothed[0].points[3].y > 1, 'smoothing lags behind the raw values');
  assert.deepEqual(seriesXY(runs[0], series.get(1)![0], 'epoch').x, [0.5, 1, 1.5, 2]);
});
