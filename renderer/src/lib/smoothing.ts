/**
 * Exponential moving average of a series, debiased as TensorBoard's scalar smoothing: with weight w,
 * s_t = w·s_{t-1} + (1 − w)·v_t, divided by (1 − w^t) so the first points are not pulled to 0.
 * Non-finite values are passed through without entering the average. Pure; returns new points.
 */
export function smoothSeries<P extends { value: number }>(points: readonly P[], weight: number): P[] {
  if (weight <= 0) return points.slice();
  let average = 0;
  let count = 0;
  return points.map((point) => {
    if (!Number.isFinite(point.value)) return point;
    count += 1;
    average = weight * average + (1 - weight) * point.value;
    return { ...point, value: average / (1 - weight ** count) };
  });
}
