import assert from 'node:assert/strict';
import { test } from 'node:test';
import { optlab } from '../../support/optlabCli.js';

test('optlab optimizers lists every optimizer of the registry with its defaults; one type alone; an unknown type is refused', async () => {
  const all = await optlab(['optimizers', '--json']);
  assert.equal(all.code, 0, all.stderr);
  const types = (JSON.parse(all.stdout) as { type: string }[]).map((o) => o.type);
  assert.ok(types.includes('adamax') && types.includes('lion') && types.includes('sgd'), types.join(', '));

  const adamax = await optlab(['optimizers', 'adamax']);
  assert.equal(adamax.code, 0, adamax.stderr);
  assert.match(adamax.stdout, /^adamax — Adamax/);
  assert.match(adamax.stdout, /lr = 0\.002: Learning rate η/);
  assert.match((await optlab(['optimizers', 'lion'])).stdout, /no adaptive term/);

  const unknown = await optlab(['optimizers', 'lamb']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown optimizer type lamb; one of sgd, adam/);
});
