/** A drawn point in data units. */
export interface PlotPoint {
  x: number;
  y: number;
}

/** Data units to canvas pixels (a chart's scales). */
export interface PixelScales {
  x: (value: number) => number;
  y: (value: number) => number;
}

/** Index of the first point whose x is at least `x` in points sorted by x (`points.length` when none). */
export function lowerBound(points: readonly PlotPoint[], x: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].x < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The point nearest to the cursor, in pixels, among the lines (null entries: hidden lines), looking in
 * each line (sorted by x) only at the nearest finite point either side of the cursor's x, found by binary
 * search: O(lines × log points) per pointer move, however long the series. Points outside
 * `area` (the plot, when zoomed in) are skipped. Null when no line has such a point. Pure.
 */
export function nearestPoint(
  lines: readonly (readonly PlotPoint[] | null)[],
  cursor: { x: number; y: number },
  xAtCursor: number,
  scales: PixelScales,
  area: { left: number; right: number; top: number; bottom: number } = { left: -Infinity, right: Infinity, top: -Infinity, bottom: Infinity },
): { line: number; index: number; distance: number } | null {
  let best: { line: number; index: number; distance: number } | null = null;
  lines.forEach((points, line) => {
    if (!points || points.length === 0) return;
    const at = lowerBound(points, xAtCursor);
    const finite = (i: number) => Number.isFinite(points[i].x) && Number.isFinite(points[i].y);
    let before = at - 1;
    while (before >= 0 && !finite(before)) before--;
    let after = at;
    while (after < points.length && !finite(after)) after++;
    for (const index of [before, after]) {
      const p = points[index];
      if (!p) continue;
      const px = scales.x(p.x);
      const py = scales.y(p.y);
      if (!(px >= area.left && px <= area.right && py >= area.top && py <= area.bottom)) continue;
      const distance = Math.hypot(px - cursor.x, py - cursor.y);
      if (!best || distance < best.distance) best = { line, index, distance };
    }
  });
  return best;
}
