import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPreloadedCalls } from '../../../../../renderer/src/api/preloadedCalls.js';
import { fakeApi } from '../../../../support/fakeApi.js';

test('a preloaded call answers the first equal call without sending it again; the next one is sent', async () => {
  const { api, calls } = fakeApi();
  const { api: preloading, preload } = withPreloadedCalls(api);
  preload('getMetricKeys', { ids: [1, 2] });
  assert.equal(calls.length, 1);
  const first = preloading.getMetricKeys({ ids: [1, 2] });
  assert.equal(calls.length, 1, 'the preloaded call is not sent twice');
  calls[0].resolve(['loss']);
  assert.deepEqual(await first, ['loss']);
  const second = preloading.getMetricKeys({ ids: [1, 2] });
  assert.equal(calls.length, 2, 'a preload answers once');
  calls[1].resolve(['loss', 'acc']);
  assert.deepEqual(await second, ['loss', 'acc']);
});

test('a call with another input or method is sent as it is; a failed preload fails its taker', async () => {
  const { api, calls } = fakeApi();
  const { api: preloading, preload } = withPreloadedCalls(api);
  preload('getRuns', { ids: [1] });
  void preloading.getRuns({ ids: [2] });
  void preloading.getMetricKeys({ ids: [1] });
  assert.deepEqual(calls.map((c) => [c.method, c.input]), [['getRuns', { ids: [1] }], ['getRuns', { ids: [2] }], ['getMetricKeys', { ids: [1] }]]);
  calls[0].reject(new Error('no such run'));
  await assert.rejects(preloading.getRuns({ ids: [1] }), /no such run/);
  assert.equal(calls.length, 3);
});

test('an answer nobody took is dropped after keepMs: a later call reads afresh', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { api, calls } = fakeApi();
  const { api: preloading, preload } = withPreloadedCalls(api);
  preload('getMetricKeys', { ids: [1] }, 1_000);
  calls[0].resolve(['old']);
  await Promise.resolve();
  await Promise.resolve();
  t.mock.timers.tick(1_000);
  const later = preloading.getMetricKeys({ ids: [1] });
  assert.equal(calls.length, 2);
  calls[1].resolve(['new']);
  assert.deepEqual(await later, ['new']);
});
