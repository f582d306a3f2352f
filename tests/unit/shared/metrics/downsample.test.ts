import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { downsampleLttb } from '../../../../shared/metrics/downsample.js';

type P = { step: number; value: number };
const xs = (p: P) => p.step;
const ys = (p: P) => p.value;
const series = (n: number, f: (i: number) => number): P[] => Array.from({ length: n }, (_, i) => ({ step: i, value: f(i) }));

describe('downsampleLttb', () => {
  test('returns a copy of a series that already fits, or when there is no limit', () => {
    const points = series(10, (i) => i);
    assert.deepEqual(downsampleLttb(points, 10, xs, ys), points);
    assert.deepEqual(downsampleLttb(points, 0, xs, ys), points);
    assert.notEqual(downsampleLttb(points, 50, xs, ys), points);
    assert.deepEqual(downsampleLttb([], 5, xs, ys), []);
  });

  test('keeps exactly maxPoints points, the first and the last among them, in order', () => {
    const points = series(1000, (i) => Math.sin(i / 10) + i / 100);
    for (const max of [3, 7, 100, 999]) {
      const kept = downsampleLttb(points, max, xs, ys);
      assert.equal(kept.length, max);
      assert.equal(kept[0], points[0]);
      assert.equal(kept.at(-1), points.at(-1));
      for (let i = 1; i < kept.length; i++) assert.ok(kept[i].step > kept[i - 1].step, 'strictly increasing steps');
    }
    assert.deepEqual(downsampleLttb(points, 2, xs, ys), [points[0], points[999]]);
    assert.deepEqual(downsampleLttb(points, 1, xs, ys), [points[999]]);
  });

  test('keeps a lone spike that an evenly spaced sample would miss', () => {
    const points = series(10_000, () => 1);
    points[4321] = { step: 4321, value: 1000 };
    const kept = downsampleLttb(points, 50, xs, ys);
    assert.ok(kept.some((p) => p.value === 1000));
    const dip = series(10_000, () => 1);
    dip[777] = { step: 777, value: -50 };
    assert.ok(downsampleLttb(dip, 50, xs, ys).some((p) => p.value === -50));
  });

  test('copes with non-finite values without losing the final point', () => {
    const points = series(100, (i) => (i === 99 ? Number.NaN : i % 7 === 0 ? Number.POSITIVE_INFINITY : i));
    const kept = downsampleLttb(points, 10, xs, ys);
    assert.equal(kept.length, 10);
    assert.ok(Number.isNaN(kept.at(-1)!.value));
  });
});
