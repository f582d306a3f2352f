import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { runQuerySchema } from '../../../../shared/runs/runQuery.js';
import { applyMigrations, loadMigrations } from '../../../../main/store/migrations.js';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

test('a fusion run stored with the description "FUSION" reads as its plan after migration 013', () => {
  const tmp = tempDbDir();
  try {
    let store = SqliteRunStore.open(tmp.dbPath);
    const config = surfaceConfig({
      dataset: { kind: 'fashion-mnist', trainLimit: 64, testLimit: 16 } as never,
      model: { kind: 'mlp', hidden: [8], activation: 'relu' } as never,
      optimizer: {
        type: 'fusion',
        groups: [
          { blocks: [0, 0], optimizer: { type: 'adam', lr: 0.001 } },
          { blocks: [1, 1], optimizer: { type: 'sgd', lr: 0.01 } },
        ],
      } as never,
    });
    const run = store.createRun({ config });
    store.close();

    // As an older version stored it: the description written at creation said only "FUSION".
    const db = new BetterSqlite3(tmp.dbPath);
    db.prepare("UPDATE runs SET optimizer_label = 'FUSION', search_text = 'fusion' WHERE id = ?").run(run.id);
    // Migration 013 applied again to it (the later ones are already in, and are not run twice).
    db.pragma('user_version = 12');
    applyMigrations(
      db,
      loadMigrations().filter((m) => m.version === 13),
    );
    db.pragma(`user_version = ${loadMigrations().at(-1)!.version}`);
    db.close();

    store = SqliteRunStore.open(tmp.dbPath);
    const page = store.queryRuns(runQuerySchema.parse({}));
    assert.equal(page.rows.find((r) => r.id === run.id)?.optimizer, 'Adam (lr 0.001) on block 0 · SGD (lr 0.01) on block 1');
    // The search text is written again too: the plan's optimizers are found by name.
    assert.equal(store.queryRuns(runQuerySchema.parse({ filter: { text: 'sgd (lr 0.01)' } })).total, 1);
    store.close();
  } finally {
    tmp.remove();
  }
});
