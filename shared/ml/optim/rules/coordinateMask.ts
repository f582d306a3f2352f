import { createRandom, shuffledIndices } from '../../random.js';

/** FNV-1a hash of a string, to derive a per-parameter seed. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A fixed 0/1 mask over `size` coordinates with exactly round(fraction·size) ones, chosen by a
 * seeded shuffle; the same seed and parameter name always give the same mask.
 */
export function coordinateMask(size: number, fraction: number, seed: number, name: string): Float32Array {
  const order = shuffledIndices(size, createRandom((seed ^ hashName(name)) >>> 0));
  const mask = new Float32Array(size);
  const ones = Math.round(fraction * size);
  for (let i = 0; i < ones; i++) mask[order[i]] = 1;
  return mask;
}
