import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../../shared/api/apiError.js';
import { freeRunViewName, runViewSchema, type RunView, type RunViewInput } from '../../../../shared/runs/runView.js';
import { loadMigrations, schemaVersion } from '../../../../main/store/migrations.js';
import { openDatabase } from '../../../../main/store/openDatabase.js';
import { SqliteRunViewStore } from '../../../../main/store/sqliteRunViewStore.js';
import { RunViewService } from '../../../../main/runs/runViewService.js';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

const emptyFilter = { status: '', dataset: '', optimizer: '', tag: '', field: '', fieldValue: '', metric: '', metricMin: '', metricMax: '', groupBy: '' };

function view(name: string, overrides: Partial<RunViewInput> = {}): RunView {
  return runViewSchema.parse({ name, columns: ['config.optimizer.lr', 'metric:test/loss'], query: 'mas', filter: { ...emptyFilter, groupBy: 'optimizer.type' }, sort: { by: 'config.optimizer.lr', descending: true }, ...overrides });
}

function rejectsWith(work: () => unknown, code: ApiError['code'], message: RegExp): void {
  assert.throws(work, (error: unknown) => error instanceof ApiError && error.code === code && message.test(error.message));
}

describe('saved views of the runs table in the database (migration 015)', () => {
  let tmp: ReturnType<typeof tempDbDir>;
  let db: BetterSqlite3.Database;
  let views: RunViewService;
  let clock = 0;
  beforeEach(() => {
    tmp = tempDbDir();
    db = openDatabase(tmp.dbPath);
    views = new RunViewService(new SqliteRunViewStore(db), () => new Date(Date.UTC(2026, 11, 2, 0, 0, clock++)).toISOString());
  });
  afterEach(() => {
    db.close();
    tmp.remove();
  });

  test('a database of version 14 with runs is brought to the latest version: its runs are kept and it has an empty run_views table', () => {
    db.close();
    tmp.remove();
    tmp = tempDbDir();
    const before = openDatabase(tmp.dbPath, { migrations: loadMigrations().filter((m) => m.version <= 14) });
    assert.equal(schemaVersion(before), 14);
    before.close();
    const store = SqliteRunStore.open(tmp.dbPath);
    store.createRun({ config: surfaceConfig() });
    store.close();
    db = openDatabase(tmp.dbPath);
    assert.equal(schemaVersion(db), Math.max(...loadMigrations().map((m) => m.version)));
    assert.equal((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n, 1);
    assert.deepEqual(db.prepare('SELECT * FROM run_views').all(), []);
    views = new RunViewService(new SqliteRunViewStore(db));
    assert.deepEqual(views.list(), { views: [], unreadable: [] });
  });

  test('a saved view reads back as saved, from another connection too, ordered by name whatever its case', () => {
    const saved = views.save(view('mas by lr'), false);
    views.save(view('Adam only', { query: 'adam', columns: [] }), false);
    views.save(view('beta', { filter: { ...emptyFilter, status: 'completed', metric: 'test/accuracy', metricMin: '0.8' } }), false);
    assert.equal(saved.name, 'mas by lr');
    assert.deepEqual(saved.columns, ['config.optimizer.lr', 'metric:test/loss']);

    const other = new BetterSqlite3(tmp.dbPath);
    try {
      const list = new RunViewService(new SqliteRunViewStore(other)).list();
      assert.deepEqual(list.views.map((v) => v.name), ['Adam only', 'beta', 'mas by lr']);
      const mas = list.views.find((v) => v.name === 'mas by lr')!;
      assert.deepEqual({ columns: mas.columns, query: mas.query, filter: mas.filter, sort: mas.sort }, { columns: saved.columns, query: 'mas', filter: { ...emptyFilter, groupBy: 'optimizer.type' }, sort: { by: 'config.optimizer.lr', descending: true } });
      assert.equal(list.views.find((v) => v.name === 'beta')!.filter.metricMin, '0.8');
    } finally {
      other.close();
    }
  });

  test('a taken name (ignoring case) is refused as a conflict unless replacing, which keeps one view', () => {
    views.save(view('mas by lr'), false);
    rejectsWith(() => views.save(view('MAS by LR', { query: 'other' }), false), 'conflict', /A view named "mas by lr" exists already: replace it, or choose another name/);
    assert.equal(views.list().views[0].query, 'mas');
    const replaced = views.save(view('MAS by LR', { query: 'other' }), true);
    assert.equal(replaced.query, 'other');
    assert.deepEqual(views.list().views.map((v) => [v.name, v.query]), [['MAS by LR', 'other']]);
    assert.ok(replaced.updatedAt > replaced.createdAt);
  });

  test('rename: to a free name, or its own name in another case; a name another view has and an unknown view are refused', () => {
    views.save(view('a'), false);
    views.save(view('b'), false);
    assert.equal(views.rename('a', 'c').name, 'c');
    rejectsWith(() => views.rename('c', 'B'), 'conflict', /A view named "b" exists already: choose another name/);
    assert.equal(views.rename('b', 'B').name, 'B');
    rejectsWith(() => views.rename('nope', 'x'), 'not-found', /There is no view named "nope"/);
    assert.deepEqual(views.list().views.map((v) => v.name), ['B', 'c']);
  });

  test('delete removes the view of that name (ignoring case); an unknown one is not found', () => {
    views.save(view('a'), false);
    assert.deepEqual(views.delete('A'), { deleted: 'a' });
    rejectsWith(() => views.delete('a'), 'not-found', /There is no view named "a"/);
    assert.deepEqual(views.list().views, []);
  });

  test('import from a browser: new names stored, the same view left, another content under a free name, a damaged entry refused by position', () => {
    views.save(view('mas by lr'), false);
    views.save(view('adam', { query: 'adam' }), false);
    const result = views.importViews([
      view('mas by lr'), // as stored: left
      view('adam', { query: 'adam sorted', sort: { by: 'createdAt', descending: false } }), // other content: kept under a free name
      view('fresh', { columns: ['metric:test/accuracy'] }),
      { name: '', columns: [], query: '', filter: emptyFilter, sort: { by: 'createdAt', descending: true } },
      { name: 'extra field', columns: [], query: '', filter: emptyFilter, sort: { by: 'createdAt', descending: true }, colour: 'red' },
    ]);
    assert.deepEqual(result.present, ['mas by lr']);
    assert.deepEqual(result.imported, [
      { name: 'adam', as: 'adam (2)' },
      { name: 'fresh', as: 'fresh' },
    ]);
    assert.deepEqual(result.refused.map((r) => r.index), [3, 4]);
    assert.match(result.refused[0].message, /name: a view needs a name/);
    assert.match(result.refused[1].message, /colour/);
    const list = views.list().views;
    assert.deepEqual(list.map((v) => v.name), ['adam', 'adam (2)', 'fresh', 'mas by lr']);
    assert.equal(list.find((v) => v.name === 'adam (2)')!.query, 'adam sorted');
  });

  test('a view stored in a form that no longer reads is listed as unreadable with why, the others as they are', () => {
    views.save(view('good'), false);
    db.prepare(`INSERT INTO run_views (name, view, created_at, updated_at) VALUES ('broken', '{"columns": "x"}', 'then', 'then')`).run();
    const list = views.list();
    assert.deepEqual(list.views.map((v) => v.name), ['good']);
    assert.equal(list.unreadable.length, 1);
    assert.equal(list.unreadable[0].name, 'broken');
    assert.match(list.unreadable[0].message, /columns/);
  });

  test('a free name has a number after it, cut to the length limit', () => {
    assert.equal(freeRunViewName('x', ['y']), 'x');
    assert.equal(freeRunViewName('x', ['X', 'x (2)']), 'x (3)');
    const long = 'n'.repeat(80);
    const free = freeRunViewName(long, [long]);
    assert.equal(free.length, 80);
    assert.ok(free.endsWith(' (2)'));
  });
});
