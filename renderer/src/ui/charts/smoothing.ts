import { emaSmooth } from '../../../../shared/experiments/emaSmoothing.js';

/**
 * A series' points with their values smoothed by `emaSmooth` (TensorBoard's debiased exponential
 * moving average, the one Compare uses too). Pure; returns new points.
 */
export function smoothSeries<P extends { value: number }>(points: readonly P[], weight: number): P[] {
  const values = emaSmooth(
    points.map((p) => p.value),
    weight,
  );
  return points.map((point, i) => (values[i] === point.value ? point : { ...point, value: values[i] }));
}
