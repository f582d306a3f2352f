/**
 * Contour levels of a loss surface sampled on a grid. Surfaces whose values crowd near the minimum
 * and climb steeply away from it (Rosenbrock, Beale) get log-spaced levels, the others evenly spaced.
 */

/** A surface sampled at the centres of an nx × ny grid over `view`; row 0 is the top (largest y). */
export interface SurfaceGrid {
  nx: number;
  ny: number;
  view: [number, number, number, number];
  /** Row-major, x fastest: values[i + j·nx] at x = xMin + (i + ½)·dx, y = yMax − (j + ½)·dy. */
  values: Float64Array;
  min: number;
  max: number;
}

export type LevelScale = 'log' | 'linear';

export function sampleSurface(value: (x: number, y: number) => number, view: [number, number, number, number], nx: number, ny: number): SurfaceGrid {
  const [xMin, xMax, yMin, yMax] = view;
  const dx = (xMax - xMin) / nx;
  const dy = (yMax - yMin) / ny;
  const values = new Float64Array(nx * ny);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < ny; j++) {
    const y = yMax - (j + 0.5) * dy;
    for (let i = 0; i < nx; i++) {
      const z = value(xMin + (i + 0.5) * dx, y);
      values[i + j * nx] = z;
      if (z < min) min = z;
      if (z > max) max = z;
    }
  }
  return { nx, ny, view, values, min, max };
}

/**
 * Log spacing when the values are skewed: the whole range is more than 100 times the rise from the
 * minimum to the 10th percentile (with even levels most of the picture would be one flat band).
 */
export function levelScale(values: ArrayLike<number>): LevelScale {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 'linear';
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (!(max > min)) return 'linear';
  const low = sorted[Math.floor(sorted.length / 10)];
  return max - min > 100 * (low - min) ? 'log' : 'linear';
}

/**
 * `count` levels strictly between min and max. Log levels are geometric in z − min, from
 * (max − min)·10^−decades up to max − min.
 */
export function contourLevels(min: number, max: number, count: number, scale: LevelScale, decades = 5): number[] {
  if (!(max > min) || count < 1) return [];
  const span = max - min;
  const levels: number[] = [];
  if (scale === 'linear') {
    for (let k = 1; k <= count; k++) levels.push(min + (span * k) / (count + 1));
    return levels;
  }
  const lo = Math.log10(span) - decades;
  const hi = Math.log10(span);
  for (let k = 0; k < count; k++) levels.push(min + 10 ** (lo + ((hi - lo) * k) / count));
  return levels;
}
