import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callsInFlight } from '../../../../../renderer/src/api/callsInFlight.js';

test('whenQuiet waits until no call has been under way for the quiet time', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  const calls = callsInFlight(() => clock);
  let answer: (value: unknown) => void = () => undefined;
  const call = calls.track(new Promise((resolve) => (answer = resolve)));
  let quiet = false;
  void calls.whenQuiet(500, 10_000).then(() => (quiet = true));
  const advance = async (ms: number) => {
    clock += ms;
    t.mock.timers.tick(ms);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  await advance(2_000);
  assert.equal(quiet, false, 'a call is under way');
  answer([]);
  assert.deepEqual(await call, [], 'the call answers as it would');
  await advance(400);
  assert.equal(quiet, false, 'not quiet for 500 ms yet');
  await advance(100);
  assert.equal(quiet, true);
});

test('whenQuiet gives up waiting after atMostMs; a failed call still ends', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  const calls = callsInFlight(() => clock);
  void calls.track(new Promise(() => undefined));
  await assert.rejects(calls.track(Promise.reject(new Error('refused'))), /refused/);
  let quiet = false;
  void calls.whenQuiet(500, 3_000).then(() => (quiet = true));
  clock += 2_999;
  t.mock.timers.tick(2_999);
  await Promise.resolve();
  assert.equal(quiet, false);
  clock += 1;
  t.mock.timers.tick(1);
  await Promise.resolve();
  assert.equal(quiet, true);
});
