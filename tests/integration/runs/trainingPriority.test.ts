import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import os from 'node:os';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { trainingNice } from '../../../main/trainingProcess/trainingPriority.js';

const entry = fileURLToPath(new URL('../../../main/trainingProcess/trainingProcess.ts', import.meta.url));

test('a training process runs below the app’s priority, so storing metrics and the UI keep their CPU while it trains', { skip: process.platform === 'win32' }, async () => {
  assert.ok(trainingNice > 0);
  const child = fork(entry, [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  try {
    const pid = child.pid!;
    const expected = Math.min(19, os.getPriority() + trainingNice);
    // It sets its priority as it loads, then waits for `start`.
    const until = Date.now() + 60_000;
    while (os.getPriority(pid) !== expected && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(os.getPriority(pid), expected, 'the training process’s nice value');
  } finally {
    child.kill('SIGKILL');
  }
});
