/**
 * Tick values and labels for chart axes: round values (1, 2 or 5 × 10^k apart) inside the range,
 * labelled with just enough digits that no two read the same; on log axes, one tick per decade.
 * Pure; used by the canvas charts and the SVG export alike.
 */

/** The smallest of 1, 2, 5 × 10^k that is at least `raw`. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * magnitude;
}

/** Round values from lo to hi (both inside), at most about `maxTicks` of them. */
export function linearTicks(lo: number, hi: number, maxTicks = 8): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (!(hi > lo)) return [lo];
  const step = niceStep((hi - lo) / Math.max(1, maxTicks - 1));
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** Powers of ten from lo to hi (both > 0); when the range holds fewer than two, 1-2-5 values inside it. */
export function logTicks(lo: number, hi: number, maxTicks = 8): number[] {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  if (last - first + 1 >= 2) {
    const every = Math.max(1, Math.ceil((last - first + 1) / maxTicks));
    const out: number[] = [];
    for (let e = first; e <= last; e += every) out.push(Number(`1e${e}`));
    return out;
  }
  const within: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number(`${m}e${e}`);
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) within.push(v);
    }
  }
  return within.length >= 2 ? within : linearTicks(lo, hi, maxTicks).filter((v) => v > 0);
}

function plainOrExponent(value: number, decimals: number, significant: number, exponent: boolean): string {
  if (value === 0) return '0';
  return exponent ? value.toExponential(Math.max(0, significant - 1)).replace('e+', 'e') : value.toFixed(Math.max(0, decimals));
}

/**
 * Labels for a set of ticks: fixed decimals enough for their spacing, or exponent form for very
 * large or small values, with digits added until every label differs ("4.2e22, 4.0e22", never
 * "4e22, 4e22").
 */
export function tickLabels(ticks: readonly number[], scale: 'linear' | 'log' = 'linear'): string[] {
  if (ticks.length === 0) return [];
  // Log ticks are decades (or 1-2-5 values): each in its shortest form, "0.001, 0.01, 0.1, 1, 10".
  if (scale === 'log') return ticks.map((t) => (t !== 0 && (Math.abs(t) < 1e-3 || Math.abs(t) >= 1e6) ? t.toExponential().replace('e+', 'e') : String(Number(t.toPrecision(6)))));
  const finite = ticks.filter((t) => Number.isFinite(t));
  const maxAbs = Math.max(...finite.map(Math.abs));
  const nonZero = finite.filter((t) => t !== 0).map(Math.abs);
  const minAbs = nonZero.length > 0 ? Math.min(...nonZero) : 0;
  const gaps = finite.slice(1).map((t, i) => Math.abs(t - finite[i])).filter((g) => g > 0);
  const spacing = gaps.length > 0 ? Math.min(...gaps) : maxAbs || 1;
  const exponent = maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-3) || (minAbs > 0 && minAbs < 1e-4);
  let decimals = Math.max(0, -Math.floor(Math.log10(spacing) + 1e-9));
  // Exponent form starts from one significant digit and adds digits only while two labels are the same.
  let significant = 1;
  for (let attempt = 0; attempt < 15; attempt++) {
    const labels = ticks.map((t) => (Number.isFinite(t) ? plainOrExponent(t, decimals, significant, exponent) : String(t)));
    if (new Set(labels).size === labels.length) return labels;
    decimals += 1;
    significant += 1;
  }
  return ticks.map((t) => String(t));
}

/** The label of one value of an axis whose ticks are `ticks` (the label that tick gets). */
export function tickLabel(value: number, ticks: readonly number[], scale: 'linear' | 'log' = 'linear'): string {
  const i = ticks.indexOf(value);
  return i >= 0 ? tickLabels(ticks, scale)[i] : tickLabels([value], scale)[0];
}
