import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planEpsilonSweep, sweepEpsilons } from '../../../../../shared/science/epsilon/epsilonSweep.js';
import { layerHistogram } from '../../../../../shared/science/epsilon/layerHistogram.js';
import { defaultBinSpec } from '../../../../../shared/science/epsilon/logBins.js';
import { percentileOfSorted } from '../../../../../shared/science/epsilon/percentiles.js';
import { epsilonSearchRange, powersOfTenInRange, roundToPowerOfTen } from '../../../../../shared/science/epsilon/searchRange.js';
import { runConfigSchema } from '../../../../../shared/config/runConfig.js';
import { shouldCapture } from '../../../../../shared/science/epsilon/captureSchedule.js';
import { buildHeatmap } from '../../../../../shared/science/epsilon/sweepHeatmap.js';

/** n log-uniform values from 10^lo to 10^hi. */
function logUniform(n: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (n - 1)));
}

describe('Algorithm 2 (seed 003): the ε search range', () => {
  it('rounds to 10^round(log10(x))', () => {
    assert.deepEqual(roundToPowerOfTen(3e-5), { value: 1e-5, exponent: -5 });
    assert.deepEqual(roundToPowerOfTen(3.2e-5), { value: 1e-4, exponent: -4 });
    assert.deepEqual(roundToPowerOfTen(1e-8), { value: 1e-8, exponent: -8 });
    assert.deepEqual(roundToPowerOfTen(0.9), { value: 1, exponent: 0 });
    assert.deepEqual(roundToPowerOfTen(7e-21), { value: 1e-20, exponent: -20 });
    assert.throws(() => roundToPowerOfTen(0));
  });

  it('on a single layer: its 2nd and 98th percentiles, rounded', () => {
    const values = logUniform(1001, -9, -3);
    const h = layerHistogram('w', values, defaultBinSpec, 1e-8);
    const sorted = Float64Array.from(values).sort();
    const range = epsilonSearchRange([h])!;
    assert.equal(range.rawLower, percentileOfSorted(sorted, 2));
    assert.equal(range.rawUpper, percentileOfSorted(sorted, 98));
    // log10 of the 2nd percentile ≈ -9 + 0.02·6 = -8.88 → 1e-9; of the 98th ≈ -3.12 → 1e-3.
    assert.equal(range.lower, 1e-9);
    assert.equal(range.upper, 1e-3);
    assert.deepEqual(powersOfTenInRange(range), [1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3]);
  });

  it('over many layers: min of the 2nd percentiles, max of the 98th; zeros and all-zero layers ignored', () => {
    const layers = [
      layerHistogram('a', logUniform(500, -6, -4), defaultBinSpec, null),
      layerHistogram('b', logUniform(500, -12, -10), defaultBinSpec, null),
      layerHistogram('c', Float32Array.from([...logUniform(500, -2, 1), 0, 0, 0]), defaultBinSpec, null),
      layerHistogram('zeros', new Float32Array(100), defaultBinSpec, null),
    ];
    const range = epsilonSearchRange(layers)!;
    assert.equal(range.lowerLayer, 'b');
    assert.equal(range.upperLayer, 'c');
    assert.equal(range.rawLower, Math.min(...layers.slice(0, 3).map((l) => l.p2!)));
    assert.equal(range.rawUpper, Math.max(...layers.slice(0, 3).map((l) => l.p98!)));
    assert.equal(range.lowerExponent, Math.round(Math.log10(layers[1].p2!)));
    assert.equal(range.upperExponent, Math.round(Math.log10(layers[2].p98!)));
    // 98th percentile of 10^(-2 … 1) ≈ 10^0.94, rounded to 10.
    assert.equal(range.lower, 1e-12);
    assert.equal(range.upper, 10);
  });

  it('spans 20 decades', () => {
    const h = layerHistogram('w', logUniform(10_001, -19.5, 0.5), defaultBinSpec, null);
    const range = epsilonSearchRange([h])!;
    assert.equal(range.lowerExponent, -19);
    assert.equal(range.upperExponent, 0);
    assert.equal(powersOfTenInRange(range).length, 20);
  });

  it('is null when no layer has a non-zero ẑ', () => {
    assert.equal(epsilonSearchRange([layerHistogram('z', new Float32Array(4), defaultBinSpec, null)]), null);
    assert.equal(epsilonSearchRange([]), null);
  });
});

describe('the sweep that tests the range', () => {
  const source = runConfigSchema.parse({
    name: 'adam mlp',
    dataset: { kind: 'fashion-mnist' },
    model: { kind: 'mlp' },
    optimizer: { type: 'adam', lr: 1e-3, eps: 1e-8 },
    training: { epochs: 2 },
  });
  const range = epsilonSearchRange([layerHistogram('w', logUniform(101, -9, -3), defaultBinSpec, null)]);

  it('extremes × learning rates: one copy of the config per pair with eps and lr set', () => {
    const request = { mode: 'extremes' as const, learningRates: [1e-3, 1e-2] };
    const points = planEpsilonSweep(source, 'adam mlp', sweepEpsilons(request, range), request);
    assert.deepEqual(
      points.map((p) => [p.eps, p.lr]),
      [
        [1e-9, 1e-3],
        [1e-3, 1e-3],
        [1e-9, 1e-2],
        [1e-3, 1e-2],
      ],
    );
    for (const p of points) {
      assert.equal(p.config.optimizer.type, 'adam');
      assert.equal((p.config.optimizer as { eps: number }).eps, p.eps);
      assert.equal((p.config.optimizer as { lr: number }).lr, p.lr);
      assert.deepEqual(p.config.model, source.model);
    }
    assert.equal(points[0].name, 'adam mlp ε=1e-9 lr=1e-3');
  });

  it('every power of ten in the range, and β2 values', () => {
    const request = { mode: 'powers' as const, learningRates: [1e-3], beta2s: [0.99, 0.999] };
    const points = planEpsilonSweep(source, 'x', sweepEpsilons(request, range), request);
    assert.equal(points.length, 7 * 2);
    assert.deepEqual([...new Set(points.map((p) => (p.config.optimizer as { beta2: number }).beta2))], [0.99, 0.999]);
  });

  it('refuses SGD and a missing range', () => {
    const sgd = runConfigSchema.parse({ ...source, optimizer: { type: 'sgd' } });
    assert.throws(() => planEpsilonSweep(sgd, 's', [1e-8], { mode: 'custom', epsilons: [1e-8], learningRates: [0.1] }), /eps and lr/);
    assert.throws(() => sweepEpsilons({ mode: 'extremes', learningRates: [1] }, null), /no ε search range/);
  });
});

describe('capture schedule and heatmap', () => {
  it('captures at the end of epoch 1 and of every epoch by default, and every N steps when asked', () => {
    assert.equal(shouldCapture(undefined, { epoch: 1, step: 10, endOfEpoch: true }), true);
    assert.equal(shouldCapture(undefined, { epoch: 1, step: 9, endOfEpoch: false }), false);
    assert.equal(shouldCapture(undefined, { epoch: 3, step: 30, endOfEpoch: true }), true);
    const thin = { enabled: true, everyEpochs: 0, epochs: [5], everySteps: 4 };
    assert.equal(shouldCapture(thin, { epoch: 3, step: 30, endOfEpoch: true }), false);
    assert.equal(shouldCapture(thin, { epoch: 1, step: 10, endOfEpoch: true }), true);
    assert.equal(shouldCapture(thin, { epoch: 5, step: 50, endOfEpoch: true }), true);
    assert.equal(shouldCapture(thin, { epoch: 2, step: 12, endOfEpoch: false }), true);
    assert.equal(shouldCapture({ ...thin, enabled: false }, { epoch: 1, step: 10, endOfEpoch: true }), false);
  });

  it('lays runs out on ε × y with the mean best per cell', () => {
    const map = buildHeatmap(
      [
        { runId: 1, eps: 1e-3, y: 0.01, best: 0.8 },
        { runId: 2, eps: 1e-8, y: 0.01, best: 0.7 },
        { runId: 3, eps: 1e-8, y: 0.001, best: 0.6 },
        { runId: 4, eps: 1e-8, y: 0.001, best: 0.4 },
      ],
      true,
    );
    assert.deepEqual(map.epsilons, [1e-8, 1e-3]);
    assert.deepEqual(map.ys, [0.001, 0.01]);
    assert.deepEqual(map.cells, [
      [0.5, null],
      [0.7, 0.8],
    ]);
    assert.equal(map.bestValue, 0.8);
  });
});
