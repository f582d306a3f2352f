import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRange, decodeMethodName, isLoopbackHost, parseRequestTarget } from '../../../../main/server/requestChecks.js';

describe('request checks', () => {
  it('reads origin-form targets and refuses the rest', () => {
    assert.equal(parseRequestTarget('/api/events?token=a')?.pathname, '/api/events');
    assert.equal(parseRequestTarget('/api/events?token=a')?.searchParams.get('token'), 'a');
    for (const bad of ['//', '//evil.example/x', '/\\evil', 'http://x/', '*', '', undefined]) assert.equal(parseRequestTarget(bad), null, String(bad));
  });

  it('accepts only loopback names, with the listening port when one is given', () => {
    for (const good of ['127.0.0.1', '127.0.0.1:4000', 'localhost:4000', 'LOCALHOST', '[::1]:4000', '[::1]']) assert.ok(isLoopbackHost(good, 4000), good);
    for (const bad of ['[::1]evil.example', '[::1]:4000evil', 'localhost.evil', '127.0.0.1.nip.io', '127.0.0.1:4001', 'evil.example', '', undefined, '127.0.0.1:']) {
      assert.equal(isLoopbackHost(bad, 4000), false, String(bad));
    }
  });

  it('sorts range headers into passed on, ignored and unsatisfiable', () => {
    assert.deepEqual(checkRange(undefined), { kind: 'none' });
    assert.deepEqual(checkRange('bytes=0-99'), { kind: 'single' });
    assert.deepEqual(checkRange('bytes=100-'), { kind: 'single' });
    assert.equal(checkRange('bytes=100-5').kind, 'unsatisfiable');
    for (const odd of ['bytes=-5', 'bytes=0-1,4-5', 'items=0-1', 'bytes=a-b', 'bytes=99999999999999999-']) assert.deepEqual(checkRange(odd), { kind: 'ignore' }, odd);
  });

  it('decodes method names, null for malformed percent-encoding', () => {
    assert.equal(decodeMethodName('listRuns'), 'listRuns');
    assert.equal(decodeMethodName('%6CistRuns'), 'listRuns');
    assert.equal(decodeMethodName('%E0%A4%A'), null);
  });
});
