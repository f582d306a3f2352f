/**
 * Exponential moving average with bias correction (as TensorBoard's smoothing slider): weight 0 keeps
 * the values, weights near 1 smooth strongly; the first values are not pulled toward 0. Non-finite
 * values are passed through and do not enter the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  const w = Math.min(weight, 0.999);
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    debias = debias * w + (1 - w);
    return last / debias;
  });
}
