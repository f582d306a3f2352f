/**
 * Downsampling of a metric series for charts: Largest-Triangle-Three-Buckets (Steinarsson, 2013).
 * The first and last points are always kept; every bucket in between keeps the point that spans the
 * largest triangle with its neighbours, so peaks, dips and loss spikes survive. Pure; the input is
 * expected in x order (a run's series is read ordered by step).
 */
export function downsampleLttb<P>(points: readonly P[], maxPoints: number, x: (p: P) => number, y: (p: P) => number): P[] {
  const n = points.length;
  if (maxPoints <= 0 || n <= maxPoints) return points.slice();
  if (maxPoints === 1) return [points[n - 1]];
  if (maxPoints === 2) return [points[0], points[n - 1]];

  const yOf = (p: P): number => {
    const v = y(p);
    return Number.isFinite(v) ? v : 0;
  };
  const kept: P[] = [points[0]];
  // The points between first and last are split into maxPoints - 2 buckets.
  const bucketSize = (n - 2) / (maxPoints - 2);
  let anchor = 0;
  for (let bucket = 0; bucket < maxPoints - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.min(Math.floor((bucket + 1) * bucketSize) + 1, n - 1);

    // Average of the next bucket (or the last point, for the final bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    const nextCount = Math.max(nextEnd - nextStart, 1);
    for (let i = nextStart; i < nextStart + nextCount; i++) {
      avgX += x(points[i]);
      avgY += yOf(points[i]);
    }
    avgX /= nextCount;
    avgY /= nextCount;

    const ax = x(points[anchor]);
    const ay = yOf(points[anchor]);
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - avgX) * (yOf(points[i]) - ay) - (ax - x(points[i])) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(points[best]);
    anchor = best;
  }
  kept.push(points[n - 1]);
  return kept;
}
