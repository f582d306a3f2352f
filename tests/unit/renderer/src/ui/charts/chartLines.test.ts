import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedSeries, runCharts } from '../../../../../../renderer/src/ui/charts/chartLines.js';
import { runConfigSchema } from '../../../../../../shared/config/runConfig.js';

const cola = runConfigSchema.parse({
  dataset: { kind: 'cola', path: 'cola' },
  model: { kind: 'bert', hidden: 16, layers: 1, heads: 2, intermediate: 32, maxPositions: 64 },
  optimizer: { type: 'adam', lr: 1e-3 },
  training: { epochs: 1 },
});
const fashion = runConfigSchema.parse({ dataset: { kind: 'fashion-mnist' }, model: { kind: 'mlp', hidden: [8] }, optimizer: { type: 'adam', lr: 1e-3 }, training: { epochs: 1 } });

test('a CoLA run expects and charts Matthews correlation (and its validation split’s), other datasets do not', () => {
  assert.ok(expectedSeries(cola).has('test/mcc'));
  assert.ok(!expectedSeries(cola).has('val/mcc'));
  assert.ok(expectedSeries({ ...cola, training: { ...cola.training, validation: { holdOut: 10 } } }).has('val/mcc'));
  assert.ok(!expectedSeries(fashion).has('test/mcc'));
  const chart = runCharts({ 'test/mcc': [{ step: 4, epoch: 1, value: 0.25, time: 0 }] }, expectedSeries(cola)).find((c) => c.id === 'mcc');
  assert.equal(chart?.title, 'Matthews correlation');
  assert.deepEqual(chart?.lines.map((l) => [l.key, l.label, l.points.length]), [['test/mcc', 'test MCC', 1]]);
  assert.equal(runCharts({}, expectedSeries(fashion)).find((c) => c.id === 'mcc'), undefined);
});
