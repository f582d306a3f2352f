import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { defaultDbPath, resolveDbPath } from '../../../../main/store/dbPath.js';

test('the database is ~/.optlab/optlab.db unless --db or OPTLAB_DB says otherwise', () => {
  assert.equal(defaultDbPath('/home/ada'), path.join('/home/ada', '.optlab', 'optlab.db'));
  assert.equal(resolveDbPath({ env: {}, homeDir: '/home/ada' }), '/home/ada/.optlab/optlab.db');
  assert.equal(resolveDbPath({ env: { OPTLAB_DB: '/data/env.db' }, homeDir: '/home/ada' }), '/data/env.db');
  assert.equal(resolveDbPath({ cliValue: '/data/cli.db', env: { OPTLAB_DB: '/data/env.db' } }), '/data/cli.db');
  assert.equal(resolveDbPath({ cliValue: 'rel/x.db', env: {} }), path.resolve('rel/x.db'));
  assert.equal(resolveDbPath({ cliValue: '  ', env: { OPTLAB_DB: '' }, homeDir: '/h' }), '/h/.optlab/optlab.db');
});
