import type { MixWeights } from './mixer.js';

export type WeightScheduleShape = 'linear' | 'cosine' | 'step';

/**
 * Mixing weights that move from `start` to `end` over `steps` optimizer steps (step 1 uses `start`;
 * from step `steps + 1` on, `end`): linearly, along a half cosine, or at once (`step`).
 */
export function scheduledWeights(start: number[], end: number[], steps: number, shape: WeightScheduleShape): MixWeights {
  if (start.length !== end.length) throw new Error('weight schedule: start and end need the same length');
  return (step) => {
    const r = Math.min(1, Math.max(0, (step - 1) / steps));
    const f = shape === 'linear' ? r : shape === 'cosine' ? (1 - Math.cos(Math.PI * r)) / 2 : r >= 1 ? 1 : 0;
    return start.map((s, k) => s + (end[k] - s) * f);
  };
}
