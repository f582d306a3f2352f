import type { Surface } from '../../../shared/ml/surfaces/surface.js';

/** Colours of the paths, in the order optimizers are added (distinct on the contour's pale blues and yellows). */
export const pathColors = ['#dc2626', '#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#4b5563'];

/** The optimizers a surface opens with: seed 000's comparison, SGD, Adam and MAS at the paper's learning rate. */
export function defaultOptimizers(surface: Surface): { type: string; config: Record<string, unknown> }[] {
  return ['sgd', 'adam', 'mas'].map((type) => ({ type, config: { lr: surface.defaultLr } }));
}

/** The first palette colour no path uses yet (the palette repeats once all are taken). */
export function nextColor(used: string[]): string {
  return pathColors.find((c) => !used.includes(c)) ?? pathColors[used.length % pathColors.length];
}
