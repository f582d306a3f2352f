import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';

/** Channels of a layer under a width multiplier (at least 1). */
export function scaledWidth(channels: number, width: number): number {
  return Math.max(1, Math.round(channels * width));
}

/** The config field of a width multiplier: every layer's channels times it (at least 1 each), so large models fit a CPU. */
export function widthMultiplier() {
  return described(z.number().min(0.03125, { message: 'width must be at least 1/32' }).max(4), {
    label: 'Width multiplier',
    help: 'Scales every layer’s channels (fits large models on a CPU).',
  }).default(1);
}
