import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateTime } from '../../../../../renderer/src/ui/format.js';

test('formatDateTime writes a time as the locale writes it with date and minutes; no time or a bad one as before', () => {
  for (const iso of ['2026-12-02T05:42:41.000Z', '1999-01-31T23:59:59.999Z', '2026-06-15T12:00:00Z']) {
    assert.equal(formatDateTime(iso), new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
  }
  assert.equal(formatDateTime(null), '—');
  assert.equal(formatDateTime(''), '—');
  assert.equal(formatDateTime('not a time'), 'not a time');
});
