import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trackCallsInFlight } from '../../../../../renderer/src/api/callsInFlight.js';
import { fakeApi } from '../../../../support/fakeApi.js';

test('whenQuiet waits until no call has been under way for the quiet time', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  const { api, calls } = fakeApi();
  const tracked = trackCallsInFlight(api, () => clock);
  const answer = tracked.api.getRuns({ ids: [1] });
  let quiet = false;
  void tracked.whenQuiet(500, 10_000).then(() => (quiet = true));
  const advance = async (ms: number) => {
    clock += ms;
    t.mock.timers.tick(ms);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  await advance(2_000);
  assert.equal(quiet, false, 'a call is under way');
  calls[0].resolve([]);
  await answer;
  await advance(400);
  assert.equal(quiet, false, 'not quiet for 500 ms yet');
  await advance(100);
  assert.equal(quiet, true);
});

test('whenQuiet gives up waiting after atMostMs', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  const { api } = fakeApi();
  const tracked = trackCallsInFlight(api, () => clock);
  void tracked.api.getRuns({ ids: [1] });
  let quiet = false;
  void tracked.whenQuiet(500, 3_000).then(() => (quiet = true));
  clock += 2_999;
  t.mock.timers.tick(2_999);
  await Promise.resolve();
  assert.equal(quiet, false);
  clock += 1;
  t.mock.timers.tick(1);
  await Promise.resolve();
  assert.equal(quiet, true);
});
