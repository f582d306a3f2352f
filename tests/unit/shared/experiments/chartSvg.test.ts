import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartToSvg } from '../../../../shared/experiments/chartSvg.js';
import { emaSmooth } from '../../../../shared/experiments/emaSmoothing.js';
import { diffConfigs } from '../../../../shared/experiments/configDiff.js';

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

test('the SVG has the canvas charts’ ticks: decades on a log axis, distinct labels', () => {
  const svg = chartToSvg([{ label: 'a', color: '#000', points: [{ x: 0, y: 1e-3 }, { x: 10, y: 10 }] }], { xLabel: 'step', yLabel: 'loss', logY: true });
  const texts = [...svg.matchAll(/<text [^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(texts, ['0.001', '0.01', '0.1', '1', '10']);
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
