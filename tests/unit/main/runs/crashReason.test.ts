import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crashReason, summarizeDiagnostics } from '../../../../main/runs/crashReason.js';

describe('crashReason', () => {
  test('names the exit code or the signal', () => {
    assert.equal(crashReason(3, null, ''), 'The training process exited with code 3 before the run finished.');
    assert.match(crashReason(null, 'SIGSEGV', ''), /^The training process was killed by SIGSEGV before the run finished\.$/);
    assert.match(crashReason(null, null, 'spawn ENOENT'), /could not be started\.\nspawn ENOENT$/);
  });

  test('says when the process ran out of memory, and suspects it for SIGKILL only when memory was low', () => {
    const v8 = '<--- Last few GCs --->\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb8d0a3 node::Abort() [node]\n 2: 0xa96a3c [node]';
    const reason = crashReason(null, 'SIGABRT', v8);
    assert.match(reason, /ran out of memory/);
    assert.match(reason, /\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory$/);
    assert.match(crashReason(null, 'SIGKILL', '', { memoryLow: true }), /low on memory/);
    const killed = crashReason(null, 'SIGKILL', '', { memoryLow: false });
    assert.doesNotMatch(killed, /out of memory|low on memory:/);
    assert.match(killed, /by another program or a user/);
  });
});

describe('summarizeDiagnostics', () => {
  test('keeps the last error line and its first frames', () => {
    const stderr = 'warming up\nfile.ts:7\n   throw x;\n   ^\n\nTypeError: x is not a function\n    at a (file.ts:7:11)\n    at b (file.ts:9:1)\n    at c (file.ts:10:1)\n\nNode.js v20.20.2\n';
    assert.equal(summarizeDiagnostics(stderr), 'TypeError: x is not a function\n    at a (file.ts:7:11)\n    at b (file.ts:9:1)');
  });

  test('falls back to the last five lines, and to nothing for no output', () => {
    assert.equal(summarizeDiagnostics('1\n2\n3\n4\n5\n6\n7\n'), '3\n4\n5\n6\n7');
    assert.equal(summarizeDiagnostics('  \n'), '');
  });
});
