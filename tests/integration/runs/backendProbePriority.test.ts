import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import os from 'node:os';
import { test } from 'node:test';
import { backendProbeEntry } from '../../../main/app/backendProbe.js';
import { backgroundNice } from '../../../main/backend/backgroundPriority.js';

test('the backend probe runs below the app’s priority, so the first page’s answers do not wait behind it', { skip: process.platform === 'win32' }, async () => {
  const child = fork(backendProbeEntry, [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const pid = child.pid!;
    const expected = Math.min(19, os.getPriority() + backgroundNice);
    // It sets its priority as it loads, before tfjs (which takes a second or more), then reports and exits.
    let seen = os.getPriority(pid);
    const until = Date.now() + 60_000;
    while (seen !== expected && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        seen = os.getPriority(pid);
      } catch {
        break; // it ended between the check and the read, at the value last seen
      }
    }
    assert.equal(seen, expected, 'the probe process’s nice value');
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
});
