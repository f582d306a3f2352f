/** Stops of a perceptually ordered ramp (viridis): worst metric values dark purple, best yellow-green. */
const stops = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [190, 220, 40],
];

/** The colour of a value at `t` ∈ [0, 1] along the ramp (0: worst, 1: best). */
export function metricColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [r, g, b] = stops[i].map((c, k) => Math.round(c + f * (stops[i + 1][k] - c)));
  return `rgb(${r}, ${g}, ${b})`;
}
