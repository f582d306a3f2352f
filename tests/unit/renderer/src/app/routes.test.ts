import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRoute, routeHref } from '../../../../../renderer/src/app/routes.js';

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
