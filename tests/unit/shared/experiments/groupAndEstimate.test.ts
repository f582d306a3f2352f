import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema, type RunConfigInput } from '../../../../shared/config/runConfig.js';
import { estimateRunsSeconds, runSteps } from '../../../../shared/experiments/estimateDuration.js';
import { groupByField, groupBySetting } from '../../../../shared/experiments/groupRuns.js';
import type { RunSummary } from '../../../../shared/runs/runTypes.js';

function config(overrides: Partial<RunConfigInput> = {}) {
  return runConfigSchema.parse({
    dataset: { kind: 'surface', surface: 'rosenbrock' },
    model: { kind: 'point' },
    optimizer: { type: 'sgd', lr: 0.001 },
    training: { epochs: 2, stepsPerEpoch: 50, seed: 0 },
    ...overrides,
  });
}

function run(id: number, fields: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    name: `run ${id}`,
    status: 'completed',
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:10.000Z',
    config: config(),
    seed: 0,
    backend: null,
    progress: { epoch: 2, totalEpochs: 2, step: 100, totalSteps: 100, etaSeconds: 0 },
    error: null,
    lastMetrics: {},
    ...fields,
  };
}

test('runs without an experiment group by config apart from name and seed; the groups are told apart by what differs', () => {
  const runs = [
    run(1, { config: config({ name: 'a', training: { epochs: 2, seed: 1 } }) }),
    run(2, { config: config({ name: 'b', training: { epochs: 2, seed: 2 } }) }),
    run(3, { config: config({ optimizer: { type: 'sgd', lr: 0.01 }, training: { epochs: 2, seed: 1 } }) }),
  ];
  const groups = groupBySetting(runs);
  assert.deepEqual(groups.map((g) => g.runs.map((r) => r.id)), [[1, 2], [3]]);
  assert.deepEqual(groups.map((g) => g.params), [{ 'optimizer.lr': 0.001 }, { 'optimizer.lr': 0.01 }]);
  assert.equal(groups[1].name, 'lr=0.01');
});

test('runs of an experiment group by their setting and keep its values', () => {
  const setting = { 'optimizer.lambdaAdam': 0.3 };
  const groups = groupBySetting([run(1, { experimentId: 4, settingIndex: 0, setting }), run(2, { experimentId: 4, settingIndex: 0, setting }), run(3, { experimentId: 4, settingIndex: 1, setting: { 'optimizer.lambdaAdam': 0.7 } })]);
  assert.deepEqual(groups.map((g) => [g.key, g.runs.length, g.params]), [
    ['experiment 4 setting 0', 2, setting],
    ['experiment 4 setting 1', 1, { 'optimizer.lambdaAdam': 0.7 }],
  ]);
});

test('group by any field: status, tags or a config path', () => {
  const runs = [run(1), run(2, { status: 'failed', tags: ['x'] }), run(3, { config: config({ optimizer: { type: 'adam', lr: 0.001 } }) })];
  assert.deepEqual(groupByField(runs, 'status').map((g) => [g.key, g.runs.length]), [['completed', 2], ['failed', 1]]);
  assert.deepEqual(groupByField(runs, 'optimizer.type').map((g) => [g.key, g.runs.map((r) => r.id)]), [['sgd', [1, 2]], ['adam', [3]]]);
  assert.deepEqual(groupByField(runs, 'optimizer.momentum').map((g) => g.key), ['0', '—']);
});

test('the estimate takes the pace of similar finished runs and the queue concurrency', () => {
  // 10 s for 100 steps: 0.1 s per step.
  const history = [run(1), run(2, { status: 'failed' })];
  const todo = [config({ training: { epochs: 4, stepsPerEpoch: 50 } }), config({ training: { epochs: 2, stepsPerEpoch: 50 } })];
  assert.equal(runSteps(todo[0], {}), 200);
  const one = estimateRunsSeconds(todo, history, {}, 1);
  assert.ok(Math.abs(one.seconds! - 30) < 1e-9, String(one.seconds));
  assert.ok(Math.abs(estimateRunsSeconds(todo, history, {}, 2).seconds! - 15) < 1e-9);
  const mnist = config({ dataset: { kind: 'mnist', trainLimit: 1000, testLimit: 0 }, model: { kind: 'mlp', hidden: [8] }, training: { epochs: 1, batchSize: 100 } });
  assert.equal(runSteps(mnist, { mnist: 60000 }), 10);
  assert.equal(runSteps(mnist, {}), null);
  assert.equal(estimateRunsSeconds([mnist], history, { mnist: 60000 }, 1).seconds, null, 'no finished MNIST run to go by');
});

test('the estimate learns from finished runs of the same model and data size before any pace per step', () => {
  const mlp = (trainLimit: number, epochs: number) =>
    config({ dataset: { kind: 'mnist', trainLimit, testLimit: 500 }, model: { kind: 'mlp', hidden: [64] }, training: { epochs, batchSize: 100 } });
  // A small run: 10 s for 2 epochs of 10 steps (0.5 s a step, mostly start-up); a large one: 40 s for 2 epochs of 50 steps.
  const history = [
    run(1, { config: mlp(1000, 2), finishedAt: '2026-01-01T00:00:10.000Z', progress: { epoch: 2, totalEpochs: 2, step: 20, totalSteps: 20, etaSeconds: 0 } }),
    run(2, { config: mlp(5000, 2), finishedAt: '2026-01-01T00:00:40.000Z', progress: { epoch: 2, totalEpochs: 2, step: 100, totalSteps: 100, etaSeconds: 0 } }),
  ];
  const same = estimateRunsSeconds([mlp(5000, 3)], history, { mnist: 60000 }, 1);
  assert.equal(same.seconds, 60, '20 s an epoch of the same work × 3 epochs');
  assert.match(same.basis, /same model, data and batch size/);
  // Another width: no run did that work, so the pace per step of the same dataset and model kind (median 0.45 s) is used.
  const other = estimateRunsSeconds([config({ dataset: { kind: 'mnist', trainLimit: 2000, testLimit: 500 }, model: { kind: 'mlp', hidden: [32] }, training: { epochs: 1, batchSize: 100 } })], history, { mnist: 60000 }, 1);
  assert.ok(Math.abs(other.seconds! - 20 * 0.45) < 1e-9, String(other.seconds));
  assert.match(other.basis, /same dataset, model kind and batch size/);
});
