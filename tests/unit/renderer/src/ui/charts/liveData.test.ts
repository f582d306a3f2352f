import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseApiEvent } from '../../../../../../renderer/src/api/apiEvent.js';
import { smoothSeries } from '../../../../../../renderer/src/ui/charts/smoothing.js';

describe('parseApiEvent', () => {
  test('passes well-formed events and drops malformed ones', () => {
    const metrics = { type: 'metrics', runId: 3, points: [{ key: 'train/loss', step: 1, epoch: 1, value: 0.5, time: 1 }] };
    assert.deepEqual(parseApiEvent(JSON.stringify(metrics)), metrics);
    assert.equal(parseApiEvent(JSON.stringify({ type: 'metrics', runId: 3, points: [{ key: 'x' }] })), null);
    assert.equal(parseApiEvent(JSON.stringify({ type: 'run-updated', run: {} })), null);
    assert.equal(parseApiEvent('not json'), null);
    assert.equal(parseApiEvent('42'), null);
  });

  test('lets events of other types through for the pages that know them', () => {
    assert.deepEqual(parseApiEvent('{"type":"experiment-updated","id":1}'), { type: 'experiment-updated', id: 1 });
  });
});

describe('smoothSeries', () => {
  test('debiased EMA: a constant series stays constant, a step is approached gradually', () => {
    const constant = [2, 2, 2].map((value, step) => ({ step, value }));
    assert.deepEqual(smoothSeries(constant, 0.9).map((p) => p.value), [2, 2, 2].map((v) => v));
    const stepUp = smoothSeries([0, 10, 10].map((value, step) => ({ step, value })), 0.5);
    assert.equal(stepUp[0].value, 0);
    // (0.5·0.5·0 + 0.5·10) / (1 − 0.25) = 6.67; then (0.5·5 + 0.5·10) / (1 − 0.125) = 8.57
    assert.ok(Math.abs(stepUp[1].value - 20 / 3) < 1e-12);
    assert.ok(Math.abs(stepUp[2].value - 7.5 / 0.875) < 1e-12);
    assert.deepEqual(smoothSeries(constant, 0), constant);
  });
});

describe('metricsCsv', () => {
  test('writes one row per point, metrics in name order', async () => {
    const { metricsCsv } = await import('../../../../../../renderer/src/run/metricsCsv.js');
    const csv = metricsCsv({
      'train/loss': [{ step: 10, epoch: 1, value: 0.5, time: 1.5 }],
      'test/accuracy': [{ step: 10, epoch: 1, value: 0.9, time: 1.6 }],
    });
    assert.equal(csv, 'metric,step,epoch,value,time_s\ntest/accuracy,10,1,0.9,1.6\ntrain/loss,10,1,0.5,1.5\n');
  });
});
