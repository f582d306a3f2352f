import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { filterRuns, sortRuns } from '../../../renderer/src/lib/runsTable.js';
import { parseRoute, routeHref } from '../../../renderer/src/lib/routes.js';

function run(id: number, name: string, optimizer: 'sgd' | 'adam', accuracy?: number): RunSummary {
  const config = runConfigSchema.parse({
    name,
    dataset: { kind: 'fashion-mnist' },
    model: { kind: 'mlp' },
    optimizer: { type: optimizer },
    training: { epochs: 1 },
  });
  return {
    id,
    name,
    status: 'completed',
    createdAt: `2026-01-0${id}T00:00:00.000Z`,
    startedAt: null,
    finishedAt: null,
    config,
    seed: 0,
    backend: null,
    progress: null,
    error: null,
    lastMetrics: accuracy === undefined ? {} : { 'test/accuracy': accuracy },
  };
}

const runs = [run(1, 'baseline', 'sgd', 0.8), run(2, 'fast', 'adam', 0.9), run(3, 'pending', 'adam')];

describe('runs table', () => {
  test('filters on every word, across name and optimizer', () => {
    assert.deepEqual(filterRuns(runs, 'ADAM').map((r) => r.id), [2, 3]);
    assert.deepEqual(filterRuns(runs, 'adam fast').map((r) => r.id), [2]);
    assert.deepEqual(filterRuns(runs, '  ').map((r) => r.id), [1, 2, 3]);
  });

  test('sorts by a metric either way, runs without it last', () => {
    assert.deepEqual(sortRuns(runs, { key: 'testAccuracy', descending: true }).map((r) => r.id), [2, 1, 3]);
    assert.deepEqual(sortRuns(runs, { key: 'testAccuracy', descending: false }).map((r) => r.id), [1, 2, 3]);
    assert.deepEqual(sortRuns(runs, { key: 'name', descending: false }).map((r) => r.id), [1, 2, 3]);
    assert.deepEqual(sortRuns(runs, { key: 'id', descending: true }).map((r) => r.id), [3, 2, 1]);
  });
});

describe('routes', () => {
  test('parses and writes the hash of every page', () => {
    assert.deepEqual(parseRoute(''), { page: 'runs' });
    assert.deepEqual(parseRoute('#/new'), { page: 'new-run' });
    assert.deepEqual(parseRoute('#/runs/12'), { page: 'run', id: 12 });
    assert.deepEqual(parseRoute('#/nope'), { page: 'not-found', path: '/nope' });
    assert.equal(routeHref({ page: 'run', id: 12 }), '#/runs/12');
  });
});

describe('new run from an earlier one', () => {
  test('the route carries the source run', () => {
    assert.deepEqual(parseRoute('#/new/from/7'), { page: 'new-run', fromRunId: 7 });
    assert.equal(routeHref({ page: 'new-run', fromRunId: 7 }), '#/new/from/7');
    assert.equal(routeHref({ page: 'new-run' }), '#/new');
  });
});
