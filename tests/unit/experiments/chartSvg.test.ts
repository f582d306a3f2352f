import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartToSvg, niceTicks } from '../../../shared/experiments/chartSvg.js';
import { emaSmooth } from '../../../shared/experiments/emaSmoothing.js';
import { diffConfigs } from '../../../shared/experiments/configDiff.js';

test('the SVG of a chart has a polyline per line, a polygon per band and escaped labels', () => {
  const svg = chartToSvg(
    [
      { label: 'MAS <λa=0.3>', color: '#2563eb', points: [{ x: 0, y: 1 }, { x: 1, y: 0.5 }], band: [{ x: 0, lo: 0.8, hi: 1.2 }, { x: 1, lo: 0.4, hi: 0.6 }] },
      { label: 'Adam & SGD', color: '#dc2626', points: [{ x: 0, y: 2 }, { x: 1, y: Number.NaN }] },
    ],
    { xLabel: 'step', yLabel: 'loss', title: 'T' },
  );
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(svg.match(/<polyline /g)?.length, 2);
  assert.equal(svg.match(/<polygon /g)?.length, 1);
  assert.match(svg, /MAS &lt;λa=0\.3&gt;/);
  assert.match(svg, /Adam &amp; SGD/);
  assert.doesNotMatch(svg, /NaN/);
});

test('nice ticks are round numbers covering the range', () => {
  assert.deepEqual(niceTicks(0, 10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0.13, 0.61, 4), [0.2, 0.4, 0.6]);
});

test('EMA smoothing is bias-corrected and leaves weight 0 alone', () => {
  assert.deepEqual(emaSmooth([1, 2, 3], 0), [1, 2, 3]);
  const smooth = emaSmooth([4, 4, 4, 8], 0.5);
  assert.deepEqual(smooth.slice(0, 3), [4, 4, 4], 'a constant stays constant from the first value on');
  assert.ok(smooth[3] > 4 && smooth[3] < 8);
});

test('the config diff lists only the fields that differ', () => {
  const rows = diffConfigs(
    [
      { optimizer: { type: 'mas', lr: 1e-3, lambdaAdam: 0.3 }, training: { seed: 1, epochs: 2 }, model: { hidden: [16, 8] } },
      { optimizer: { type: 'mas', lr: 1e-3, lambdaAdam: 0.7 }, training: { seed: 2, epochs: 2 }, model: { hidden: [16, 8] } },
    ],
    ['training.seed'],
  );
  assert.deepEqual(rows, [{ path: 'optimizer.lambdaAdam', values: [0.3, 0.7] }]);
});
