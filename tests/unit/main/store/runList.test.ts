import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { computeStats } from '../../../../shared/experiments/aggregateTrials.js';
import { runQuerySchema, type RunQuery } from '../../../../shared/runs/runQuery.js';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import { runStatuses, type RunStatus } from '../../../../shared/runs/runTypes.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

/** 40 runs of three optimizers, two surfaces, some tags, statuses and metrics (a few without any). */
interface Made {
  id: number;
  name: string;
  optimizer: 'sgd' | 'adam' | 'mas';
  lr: number;
  surface: string;
  status: RunStatus;
  tags: string[];
  accuracy: number | null;
  loss: number | null;
}

describe('the runs list in SQL', () => {
  const tmp = tempDbDir();
  let store: SqliteRunStore;
  const made: Made[] = [];

  before(() => {
    store = SqliteRunStore.open(tmp.dbPath);
    const optimizers = ['sgd', 'adam', 'mas'] as const;
    for (let i = 0; i < 40; i++) {
      const optimizer = optimizers[i % 3];
      const lr = [0.1, 0.01, 0.001, 0.0001][i % 4];
      const surface = i % 5 === 0 ? 'beale' : 'rosenbrock';
      const name = `${['Alpha', 'beta', 'Gamma', 'delta'][i % 4]} run ${String(39 - i).padStart(2, '0')}`;
      const config = surfaceConfig({ name, dataset: { kind: 'surface', surface } as never, optimizer: { type: optimizer, lr } as never });
      const run = store.createRun({ config, tags: i % 4 === 0 ? ['baseline'] : i % 7 === 0 ? ['sweep', 'x'] : [] });
      const status = runStatuses[i % runStatuses.length];
      store.updateRun(run.id, { status });
      const accuracy = i % 6 === 5 ? null : ((i * 37) % 100) / 100;
      const loss = i % 8 === 3 ? null : ((i * 53) % 97) / 10;
      if (accuracy !== null) store.appendMetrics(run.id, [{ key: 'test/accuracy', step: 10, epoch: 1, value: accuracy, time: 1 }]);
      if (loss !== null) store.appendMetrics(run.id, [{ key: i % 2 === 0 ? 'test/loss' : 'train/loss', step: 10, epoch: 1, value: loss, time: 1 }]);
      made.push({ id: run.id, name, optimizer, lr, surface, status, tags: run.tags ?? [], accuracy, loss });
    }
  });
  after(() => {
    store.close();
    tmp.remove();
  });

  const query = (input: Partial<RunQuery> = {}) => store.queryRuns(runQuerySchema.parse(input));
  const ids = (input: Partial<RunQuery> = {}) => query({ limit: 1000, ...input }).rows.map((r) => r.id);
  /** The reference order: by `value` (missing last either way), ties newest first. */
  const ordered = (runs: Made[], value: (r: Made) => string | number | null, descending: boolean) =>
    [...runs]
      .sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        if (va === null || vb === null) return va === vb ? b.id - a.id : va === null ? 1 : -1;
        if (va !== vb) return (va < vb ? -1 : 1) * (descending ? -1 : 1);
        return b.id - a.id;
      })
      .map((r) => r.id);

  test('pages put together are the whole list, newest first, with the total on each page', () => {
    const pages = [0, 7, 14, 21, 28, 35].map((offset) => query({ offset, limit: 7 }));
    assert.ok(pages.every((p) => p.total === 40));
    assert.deepEqual(pages.map((p) => p.offset), [0, 7, 14, 21, 28, 35]);
    assert.deepEqual(
      pages.flatMap((p) => p.rows.map((r) => r.id)),
      made.map((r) => r.id).sort((a, b) => b - a),
    );
    assert.equal(query({ offset: 40, limit: 7 }).rows.length, 0);
  });

  test('a row is a summary: descriptions, tags, latest metrics, no config', () => {
    const row = query({ filter: { ids: [made[0].id] } }).rows[0];
    assert.equal(row.name, made[0].name);
    assert.equal(row.dataset, 'surface: beale');
    assert.equal(row.model, 'point');
    assert.equal(row.optimizer, 'SGD (lr 0.1)');
    assert.deepEqual(row.tags, ['baseline']);
    assert.equal(row.testAccuracy, made[0].accuracy);
    assert.equal(row.loss, made[0].loss);
    assert.equal('config' in row, false);
  });

  test('sorts by name without case, by descriptions, and by metrics with runs lacking them last in both directions', () => {
    assert.deepEqual(ids({ sort: { by: 'name', descending: false } }), ordered(made, (r) => r.name.toLowerCase(), false));
    assert.deepEqual(ids({ sort: { by: 'name', descending: true } }), ordered(made, (r) => r.name.toLowerCase(), true));
    assert.deepEqual(ids({ sort: { by: 'status', descending: false } }), ordered(made, (r) => r.status, false));
    for (const descending of [false, true]) {
      assert.deepEqual(ids({ sort: { by: 'testAccuracy', descending } }), ordered(made, (r) => r.accuracy, descending));
      assert.deepEqual(ids({ sort: { by: 'loss', descending } }), ordered(made, (r) => r.loss, descending));
      assert.deepEqual(ids({ sort: { by: 'metric:test/accuracy', descending } }), ordered(made, (r) => r.accuracy, descending));
      assert.deepEqual(ids({ sort: { by: 'config.optimizer.lr', descending } }), ordered(made, (r) => r.lr, descending));
    }
    // A page of a sorted list is that slice of the whole sorted list.
    const whole = ordered(made, (r) => r.accuracy, true);
    assert.deepEqual(
      query({ sort: { by: 'testAccuracy', descending: true }, offset: 30, limit: 10 }).rows.map((r) => r.id),
      whole.slice(30, 40),
    );
  });

  test('filters by words, status, dataset, optimizer, tag, config field, metric range and ids, together', () => {
    assert.deepEqual(ids({ filter: { text: 'ALPHA beale' } }), ordered(made.filter((r) => r.name.startsWith('Alpha') && r.surface === 'beale'), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { text: 'adam' } }), ordered(made.filter((r) => r.optimizer === 'adam'), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { statuses: ['failed', 'running'] } }), ordered(made.filter((r) => r.status === 'failed' || r.status === 'running'), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { dataset: 'surface', optimizer: 'mas' } }), ordered(made.filter((r) => r.optimizer === 'mas'), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { dataset: 'mnist' } }), []);
    assert.deepEqual(ids({ filter: { tag: 'sweep' } }), ordered(made.filter((r) => r.tags.includes('sweep')), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { field: { path: 'optimizer.lr', contains: '0.001' } } }), ordered(made.filter((r) => String(r.lr).includes('0.001')), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { field: { path: 'config.dataset.surface', contains: 'BEA' } } }), ordered(made.filter((r) => r.surface === 'beale'), (r) => r.id, true));
    assert.deepEqual(ids({ filter: { field: { path: 'tags', contains: 'base' } } }), ordered(made.filter((r) => r.tags.includes('baseline')), (r) => r.id, true));
    assert.deepEqual(
      ids({ filter: { metric: { key: 'test/accuracy', min: 0.3, max: 0.7 } } }),
      ordered(made.filter((r) => r.accuracy !== null && r.accuracy >= 0.3 && r.accuracy <= 0.7), (r) => r.id, true),
    );
    const some = made.slice(3, 9).map((r) => r.id);
    const combined = { ids: some, optimizer: 'sgd' };
    assert.deepEqual(ids({ filter: combined }), ordered(made.filter((r) => some.includes(r.id) && r.optimizer === 'sgd'), (r) => r.id, true));
    assert.equal(query({ filter: combined, limit: 1 }).total, made.filter((r) => some.includes(r.id) && r.optimizer === 'sgd').length);
  });

  test('the ids of every matching run ("select all matching") span pages, in the list order', () => {
    const filter = { optimizer: 'adam' };
    const sort = { by: 'loss' as const, descending: false };
    assert.deepEqual(store.runIds(filter, sort), ordered(made.filter((r) => r.optimizer === 'adam'), (r) => r.loss, false));
    assert.equal(store.runIds({}).length, 40);
    assert.equal(store.runIds({}, undefined, 5).length, 5);
  });

  test('counts by status and distinct values come from SQL, over the matching runs', () => {
    const facets = store.runFacets({});
    assert.equal(facets.total, 40);
    for (const status of runStatuses) assert.equal(facets.statuses[status] ?? 0, made.filter((r) => r.status === status).length);
    assert.deepEqual(facets.datasets, ['surface']);
    assert.deepEqual(facets.optimizers, ['adam', 'mas', 'sgd']);
    assert.deepEqual(facets.models, ['point']);
    assert.deepEqual(facets.tags, ['baseline', 'sweep', 'x']);
    assert.deepEqual(store.runFacets({ tag: 'sweep' }).tags, ['sweep', 'x']);
  });

  test('group summaries (counts, mean ± std of completed runs) equal those computed over the runs', () => {
    const groups = store.runGroups({}, 'optimizer.type');
    assert.deepEqual(groups.map((g) => g.key).sort(), ['adam', 'mas', 'sgd']);
    for (const group of groups) {
      const members = made.filter((r) => r.optimizer === group.key);
      assert.equal(group.runs, members.length);
      assert.deepEqual(group.runIds, members.map((r) => r.id).sort((a, b) => b - a));
      const completed = members.filter((r) => r.status === 'completed');
      assert.equal(group.completed, completed.length);
      const expected = computeStats(completed.map((r) => r.accuracy ?? Number.NaN));
      if (expected === null) assert.equal(group.accuracy, null);
      else {
        assert.ok(group.accuracy);
        assert.equal(group.accuracy.n, expected.n);
        for (const stat of ['mean', 'std', 'min', 'max'] as const) assert.ok(Math.abs(group.accuracy[stat] - expected[stat]) < 1e-9, stat);
      }
    }
    const byLr = store.runGroups({ optimizer: 'sgd' }, 'optimizer.lr');
    assert.equal(byLr.reduce((n, g) => n + g.runs, 0), made.filter((r) => r.optimizer === 'sgd').length);
    assert.ok(byLr.every((g) => ['0.1', '0.01', '0.001', '0.0001'].includes(g.key)), byLr.map((g) => g.key).join());
    assert.deepEqual(store.runGroups({}, 'model.nothing').map((g) => [g.key, g.runs]), [['—', 40]]);
  });

  test('runs stored without descriptions (an older database, an import) get them before the list is read', () => {
    const sort = { by: 'optimizer' as const, descending: false };
    const before = query({ sort, limit: 1000 }).rows;
    assert.ok(before.some((r) => r.optimizer === 'ADAM (lr 0.01)'));
    const db = new BetterSqlite3(tmp.dbPath);
    db.prepare('UPDATE runs SET dataset_label = NULL, model_label = NULL, optimizer_label = NULL').run();
    db.close();
    assert.deepEqual(query({ sort, limit: 1000 }).rows, before);
  });

  test('custom columns: each row of the page carries its config fields and latest metrics; sorting by one is done in SQL', () => {
    const page = query({ columns: ['config.optimizer.lr', 'config.dataset.surface', 'metric:test/accuracy', 'config.optimizer.nope'], sort: { by: 'config.optimizer.lr', descending: false }, limit: 10 });
    assert.equal(page.rows.length, 10);
    for (const row of page.rows) {
      const run = made.find((m) => m.id === row.id)!;
      assert.deepEqual(row.extra, { 'config.optimizer.lr': run.lr, 'config.dataset.surface': run.surface, 'metric:test/accuracy': run.accuracy, 'config.optimizer.nope': null });
    }
    assert.ok(page.rows.every((r) => r.extra!['config.optimizer.lr'] === 0.0001), 'the smallest learning rate first');
    assert.equal(query({ limit: 3 }).rows[0].extra, undefined, 'no columns asked, none read');
    assert.throws(() => runQuerySchema.parse({ columns: ['optimizer.lr'] }), /config\.<dotted path>/);
  });
});
