import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preloadedCalls } from '../../../../../renderer/src/api/preloadedCalls.js';
import { withPreloadedCalls } from '../../../../../renderer/src/api/withPreloadedCalls.js';
import { fakeApi } from '../../../../support/fakeApi.js';

/** A direct transport whose calls are recorded and answered when the test says. */
function fakeSend() {
  const sent: { method: string; input: unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  const send = (method: string, input: unknown) => new Promise((resolve, reject) => sent.push({ method, input, resolve, reject }));
  return { send, sent };
}

test('a preloaded call answers the first equal call of the API without sending it again; the next one is sent', async () => {
  const { api, calls } = fakeApi();
  const { send, sent } = fakeSend();
  const preloaded = preloadedCalls(send);
  const app = withPreloadedCalls(api, preloaded);
  preloaded.preload('getMetricKeys', { ids: [1, 2] });
  assert.equal(sent.length, 1);
  const first = app.getMetricKeys({ ids: [1, 2] });
  assert.equal(calls.length, 0, 'the preloaded call is not sent again');
  sent[0].resolve(['loss']);
  assert.deepEqual(await first, ['loss']);
  const second = app.getMetricKeys({ ids: [1, 2] });
  assert.equal(calls.length, 1, 'a preload answers once');
  calls[0].resolve(['loss', 'acc']);
  assert.deepEqual(await second, ['loss', 'acc']);
});

test('a call with another input or method is sent as it is; a failed preload fails its taker', async () => {
  const { api, calls } = fakeApi();
  const { send, sent } = fakeSend();
  const preloaded = preloadedCalls(send);
  const app = withPreloadedCalls(api, preloaded);
  preloaded.preload('getRuns', { ids: [1] });
  void app.getRuns({ ids: [2] });
  void app.getMetricKeys({ ids: [1] });
  assert.deepEqual(calls.map((c) => [c.method, c.input]), [['getRuns', { ids: [2] }], ['getMetricKeys', { ids: [1] }]]);
  sent[0].reject(new Error('no such run'));
  await assert.rejects(app.getRuns({ ids: [1] }), /no such run/);
  assert.equal(calls.length, 2);
});

test('an answer nobody took is dropped after keepMs: a later call reads afresh', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { api, calls } = fakeApi();
  const { send, sent } = fakeSend();
  const preloaded = preloadedCalls(send);
  const app = withPreloadedCalls(api, preloaded);
  preloaded.preload('getMetricKeys', { ids: [1] }, 1_000);
  sent[0].resolve(['old']);
  await Promise.resolve();
  await Promise.resolve();
  t.mock.timers.tick(1_000);
  const later = app.getMetricKeys({ ids: [1] });
  assert.equal(calls.length, 1);
  calls[0].resolve(['new']);
  assert.deepEqual(await later, ['new']);
});
