import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAbove, fractionAbove, pooledFractionAbove } from '../../../../../shared/science/epsilon/adaptiveFraction.js';
import { layerHistogram, layerHistogramSchema } from '../../../../../shared/science/epsilon/layerHistogram.js';
import { binCount, binEdges, binIndexOf, defaultBinSpec, edgeValue } from '../../../../../shared/science/epsilon/logBins.js';
import { percentile, percentileOfSorted } from '../../../../../shared/science/epsilon/percentiles.js';

const spec = defaultBinSpec;

/** Values 10^e for e spread evenly over [-19.95, 0.95]: 20 decades, exact float32 copies. */
function spanningTwentyDecades(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 10 ** (-19.95 + (20.9 * i) / (n - 1));
  return out;
}

describe('log10 bins', () => {
  it('has 10 bins per decade from 1e-20 to 1e5, decade edges equal to the decimal literals', () => {
    assert.equal(binCount(spec), 250);
    assert.equal(edgeValue(spec, 0), 1e-20);
    assert.equal(edgeValue(spec, 120), 1e-8);
    assert.equal(edgeValue(spec, 250), 1e5);
  });

  it('puts a value on an edge in the bin below it (bins are (lo, hi])', () => {
    const edges = binEdges(spec);
    assert.equal(binIndexOf(1e-8, edges), 119);
    assert.equal(binIndexOf(Math.fround(1e-8) > 1e-8 ? Math.fround(1e-8) : 1.0000001e-8, edges), 120);
    for (let i = 1; i < 250; i++) {
      assert.equal(binIndexOf(edges[i], edges), i - 1, `edge ${i}`);
      const above = edges[i] * (1 + 1e-12);
      assert.equal(binIndexOf(above, edges), i, `just above edge ${i}`);
    }
    assert.equal(binIndexOf(1e-20, edges), -1);
    assert.equal(binIndexOf(1e-25, edges), -1);
    assert.equal(binIndexOf(1e5, edges), 249);
    assert.equal(binIndexOf(2e5, edges), 250);
  });

  it('bins every element of an array exactly once, zeros and NaN apart', () => {
    const values = Float32Array.from([0, 0, 0, NaN, 1e-30, 1e-8, 3e-3, 3e-3, 1e7, 0.5]);
    const h = layerHistogram('w', values, spec, 1e-8);
    assert.equal(h.zeroCount, 3);
    assert.equal(h.nanCount, 1);
    assert.equal(h.belowCount, 1);
    assert.equal(h.aboveCount, 1);
    const binned = h.bins.reduce((s, [, c]) => s + c, 0);
    assert.equal(binned + h.zeroCount + h.nanCount + h.belowCount + h.aboveCount, values.length);
    const edges = binEdges(spec);
    assert.deepEqual(
      h.bins.map(([i]) => i),
      [...new Set([1e-8, 3e-3, 0.5].map((v) => binIndexOf(Math.fround(v), edges)))].sort((a, b) => a - b),
    );
    assert.equal(h.bins.find(([i]) => i === binIndexOf(Math.fround(3e-3), edges))?.[1], 2);
  });
});

describe('exact percentiles', () => {
  it('interpolates linearly between closest ranks (numpy default)', () => {
    const sorted = [1, 2, 3, 4, 5];
    assert.equal(percentileOfSorted(sorted, 0), 1);
    assert.equal(percentileOfSorted(sorted, 50), 3);
    assert.equal(percentileOfSorted(sorted, 100), 5);
    assert.equal(percentileOfSorted(sorted, 2), 1.08);
    assert.equal(percentileOfSorted(sorted, 98), 4.92);
    assert.equal(percentile([5, 1, 4, 2, 3], 25), 2);
  });

  it('of the non-zero elements only, from the values, not the bins', () => {
    // 100 values 1..100 (scaled) and 50 zeros: percentiles ignore the zeros.
    const values = new Float32Array(150);
    for (let i = 0; i < 100; i++) values[i] = (i + 1) * 1e-6;
    const h = layerHistogram('w', values, spec, null);
    const nonZero = Float64Array.from(values.subarray(0, 100)).sort();
    assert.equal(h.p2, percentileOfSorted(nonZero, 2));
    assert.equal(h.p50, percentileOfSorted(nonZero, 50));
    assert.equal(h.p98, percentileOfSorted(nonZero, 98));
    assert.ok(Math.abs(h.p2! - 2.98e-6) < 1e-12);
    assert.ok(Math.abs(h.p98! - 98.02e-6) < 1e-10);
    assert.equal(h.min, Math.fround(1e-6));
    assert.equal(h.max, Math.fround(100e-6));
    assert.equal(h.zeroCount, 50);
  });

  it('counts non-finite elements apart, so a capture always has finite numbers (it crosses a process boundary)', () => {
    const h = layerHistogram('w', Float32Array.from([Infinity, NaN, -Infinity, 1e-3, 2e-3]), spec, 1e-8);
    assert.equal(h.nanCount, 3);
    assert.equal(h.max, Math.fround(2e-3));
    assert.equal(h.p98, percentileOfSorted([Math.fround(1e-3), Math.fround(2e-3)], 98));
    assert.equal(h.fractionAboveEps, 2 / 5);
    assert.doesNotThrow(() => layerHistogramSchema.parse(JSON.parse(JSON.stringify(h))));
  });

  it('is null for a tensor of zeros, whose fraction above ε is 0', () => {
    const h = layerHistogram('b', new Float32Array(8), spec, 1e-8);
    assert.equal(h.p2, null);
    assert.equal(h.p98, null);
    assert.equal(h.min, null);
    assert.equal(h.fractionAboveEps, 0);
    assert.equal(h.zeroCount, 8);
    assert.deepEqual(h.bins, []);
  });

  it('handles values spanning 20 decades', () => {
    const values = spanningTwentyDecades(2001);
    const h = layerHistogram('w', values, spec, 1e-8);
    const sorted = Float64Array.from(values).sort();
    assert.equal(h.p2, percentileOfSorted(sorted, 2));
    assert.equal(h.p50, percentileOfSorted(sorted, 50));
    assert.equal(h.p98, percentileOfSorted(sorted, 98));
    assert.equal(h.bins.reduce((s, [, c]) => s + c, 0), 2001);
    assert.ok(h.bins.length >= 200, `${h.bins.length} bins used`);
  });
});

describe('fraction of elements with ẑ > ε', () => {
  const values = spanningTwentyDecades(2001);
  const exactAbove = (eps: number) => values.filter((v) => v > eps).length;

  it('is exact from the values at capture time', () => {
    for (const eps of [1e-16, 1e-8, 3.3e-5, 1e-2, 1]) {
      const h = layerHistogram('w', values, spec, eps);
      assert.equal(h.fractionAboveEps, exactAbove(eps) / values.length, `ε = ${eps}`);
    }
  });

  it('is exact from the bins alone when ε is a bin edge', () => {
    const h = layerHistogram('w', values, spec, null);
    for (let i = 0; i <= 250; i += 7) {
      const eps = edgeValue(spec, i);
      const c = countAbove(h, spec, eps);
      assert.equal(c.exact, true, `edge ${i}`);
      assert.equal(c.above, exactAbove(eps), `edge ${i}`);
    }
    for (const eps of [1e-16, 1e-8, 1e-4, 1e-2, 1]) assert.equal(fractionAbove(h, spec, eps), exactAbove(eps) / values.length);
  });

  it('counts an element equal to ε as not above it', () => {
    const h = layerHistogram('w', Float64Array.of(1e-3, 1e-3, 2e-3, 1e-4) as unknown as Float32Array, spec, 1e-3);
    assert.equal(h.fractionAboveEps, 0.25);
    assert.equal(countAbove(h, spec, 1e-3).above, 1);
  });

  it('interpolates inside a bin and stays between the two edges’ counts', () => {
    const h = layerHistogram('w', values, spec, null);
    const eps = 3.3e-5;
    const c = countAbove(h, spec, eps);
    assert.equal(c.exact, false);
    const edges = binEdges(spec);
    const k = binIndexOf(eps, edges);
    assert.ok(c.above <= exactAbove(edges[k]) && c.above >= exactAbove(edges[k + 1]));
  });

  it('pools many layers by element count', () => {
    const a = layerHistogram('a', Float32Array.from([1e-9, 1e-7, 1e-5, 0]), spec, null);
    const b = layerHistogram('b', Float32Array.from([1e-3, 1e-2]), spec, null);
    const pooled = pooledFractionAbove([a, b], spec, 1e-6);
    assert.equal(pooled.above, 3);
    assert.equal(pooled.total, 6);
    assert.equal(pooled.exact, true);
  });
});
