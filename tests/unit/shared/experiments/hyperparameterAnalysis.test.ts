import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisPosition, axisTicks, hyperparameterAxes, parallelCoordinates, prefersLog, scatterPoints, type AnalysisRun } from '../../../../shared/experiments/hyperparameterAnalysis.js';

const run = (id: number, optimizer: object, accuracy: number | undefined, seed = id): AnalysisRun => ({
  id,
  label: `#${id}`,
  config: { name: `run ${id}`, model: { kind: 'mlp', hidden: [8] }, optimizer, training: { epochs: 2, seed } },
  metrics: accuracy === undefined ? {} : { 'test/accuracy': accuracy },
});

const runs = [
  run(1, { type: 'adam', lr: 1e-4, beta1: 0.9 }, 0.7),
  run(2, { type: 'adam', lr: 1e-2, beta1: 0.9 }, 0.8),
  run(3, { type: 'sgd', lr: 1e-1, momentum: 0.9 }, 0.6),
  run(4, { type: 'sgd', lr: 1e-1, momentum: 0.9 }, undefined),
];

test('the axes are the fields that vary (type first, seed and name left out, Adam-only β1 not an axis); lr on a log axis', () => {
  const axes = hyperparameterAxes(runs);
  assert.deepEqual(axes.map((a) => [a.key, a.kind, a.log]), [['optimizer.type', 'category', false], ['optimizer.lr', 'number', true]]);
  assert.deepEqual(axes[0].categories, ['adam', 'sgd']);
  assert.equal(prefersLog('optimizer.eps', [1e-8, 1e-7]), true, 'ε is read on a log axis');
  assert.equal(prefersLog('optimizer.lambdaAdam', [0.3, 0.7]), false);
  assert.equal(prefersLog('training.batchSize', [16, 4096]), true, 'two decades or more');
  assert.equal(prefersLog('optimizer.lr', [0, 0.1]), false, 'zero has no logarithm');
});

test('positions on log, linear and category axes, and their ticks', () => {
  const [type, lr] = hyperparameterAxes(runs);
  assert.equal(axisPosition(lr, 1e-4), 0);
  assert.ok(Math.abs(axisPosition(lr, 1e-2)! - 2 / 3) < 1e-12, 'a decade is a third of three decades');
  assert.equal(axisPosition(lr, -1), null);
  assert.equal(axisPosition(type, 'sgd'), 1);
  assert.deepEqual(axisTicks(lr).map((t) => t.label), ['1e-4', '1e-3', '1e-2', '1e-1']);
  const { axes, lines } = parallelCoordinates(runs, 'test/accuracy');
  assert.equal(axes.at(-1)!.key, 'test/accuracy');
  assert.deepEqual(lines[1].positions.map((p) => (p === null ? null : Math.round(p * 1000) / 1000)), [0, 0.667, 1]);
  assert.deepEqual(lines[3].positions.at(-1), null, 'a run without the metric has no point on its axis');
  assert.equal(lines[3].metric, null);
});

test('the scatter has a point per run with both values, linked to its run', () => {
  const lr = hyperparameterAxes(runs)[1];
  const points = scatterPoints(runs, lr, 'test/accuracy');
  assert.deepEqual(points.map((p) => [p.run.id, p.x, p.y]), [[1, 1e-4, 0.7], [2, 1e-2, 0.8], [3, 1e-1, 0.6]]);
  const type = hyperparameterAxes(runs)[0];
  assert.deepEqual(scatterPoints(runs, type, 'test/accuracy').map((p) => p.x), [0, 0, 1]);
});

test('a log axis between decades shows its ends beside the decades', () => {
  const axes = hyperparameterAxes([run(1, { type: 'adam', lr: 3e-4 }, 0.5), run(2, { type: 'adam', lr: 3e-2 }, 0.6)]);
  assert.deepEqual(axisTicks(axes[0]).map((t) => t.label), ['3e-4', '1e-3', '1e-2', '3e-2']);
});
