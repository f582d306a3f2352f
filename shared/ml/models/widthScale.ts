/** Channels of a layer under a width multiplier (at least 1). */
export function scaledWidth(channels: number, width: number): number {
  return Math.max(1, Math.round(channels * width));
}
