import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerBound, nearestPoint, type PlotPoint } from '../../../../../renderer/src/compare/nearestPoint.js';

/** 1 data unit = 10 px on both axes, y pointing down as on a canvas. */
const scales = { x: (v: number) => v * 10, y: (v: number) => 100 - v * 10 };
const line = (ys: number[], step = 1): PlotPoint[] => ys.map((y, i) => ({ x: i * step, y }));

describe('the point under the cursor in Compare', () => {
  it('finds the first point at or after an x by binary search', () => {
    const points = line([0, 0, 0, 0, 0]);
    assert.equal(lowerBound(points, -1), 0);
    assert.equal(lowerBound(points, 2), 2);
    assert.equal(lowerBound(points, 2.5), 3);
    assert.equal(lowerBound(points, 9), 5);
    assert.equal(lowerBound([], 1), 0);
  });

  it('picks the line nearest to the cursor in pixels, at the point beside its x', () => {
    const lines = [line([1, 1, 1, 1]), line([5, 5, 5, 5]), line([9, 9, 9, 9])];
    // Cursor at x = 2.4 (24 px), y = 5.2 (48 px): the middle line, its point at x = 2.
    const found = nearestPoint(lines, { x: 24, y: 48 }, 2.4, scales);
    assert.deepEqual(found && { line: found.line, index: found.index }, { line: 1, index: 2 });
    assert.ok(found && Math.abs(found.distance - Math.hypot(4, 2)) < 1e-9);
  });

  it('skips hidden lines, non-finite points and points outside the plot', () => {
    const lines = [null, [{ x: 0, y: Number.NaN }, { x: 1, y: 5 }], line([0, 0, 0])];
    assert.equal(nearestPoint(lines, { x: 0, y: 50 }, 0, scales)?.line, 1, 'NaN at x = 0 is skipped; the next point of line 1 is nearer than line 2');
    assert.deepEqual(nearestPoint(lines, { x: 16, y: 50 }, 1.6, scales, { left: 15, right: 100, top: 0, bottom: 100 }), { line: 2, index: 2, distance: Math.hypot(4, 50) }, 'only points right of 15 px');
    assert.equal(nearestPoint([null, []], { x: 0, y: 0 }, 0, scales), null);
  });

  it('looks at a handful of points per line, not all of them', () => {
    let reads = 0;
    const points = line(Array.from({ length: 100_000 }, (_, i) => Math.sin(i)));
    const counted = new Proxy(points, { get: (target, key) => (typeof key === 'string' && /^\d+$/.test(key) && reads++, Reflect.get(target, key)) });
    nearestPoint([counted], { x: 5000, y: 50 }, 500, scales);
    assert.ok(reads < 60, `${reads} points read`);
  });
});
