import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema, type RunConfigInput } from '../../../shared/config/runConfig.js';
import { estimateRunsSeconds, runSteps } from '../../../shared/experiments/estimateDuration.js';
import { groupByField, groupBySetting } from '../../../shared/experiments/groupRuns.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';

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
