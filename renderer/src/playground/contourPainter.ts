import { contours } from 'd3-contour';
import type { Surface } from '../../../shared/ml/surfaces/surface.js';
import { contourLevels, levelScale, sampleSurface, type LevelScale } from './contourLevels.js';

/** Colours of the bands from the lowest level up (a pale viridis, so the paths stay readable over it). */
const ramp: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The ramp at t ∈ [0, 1], mixed with white by `paleness` (bands are painted opaque, one over the other). */
function rampColor(t: number, paleness = 0.55): string {
  const scaled = Math.min(0.9999, Math.max(0, t)) * (ramp.length - 1);
  const k = Math.floor(scaled);
  const f = scaled - k;
  const [r, g, b] = ramp[k].map((c, i) => Math.round((c + (ramp[k + 1][i] - c) * f) * (1 - paleness) + 255 * paleness));
  return `rgb(${r}, ${g}, ${b})`;
}

export interface ContourPicture {
  scale: LevelScale;
  levels: number[];
}

/**
 * Paints a surface's filled contour bands and level lines over the whole of `context`'s
 * width × height (the surface's view window), with d3-contour's marching squares on a grid.
 */
export function paintContours(context: CanvasRenderingContext2D, surface: Surface, width: number, height: number, levelCount = 24): ContourPicture {
  const nx = 200;
  const ny = Math.max(40, Math.round((nx * height) / width));
  const grid = sampleSurface(surface.value, surface.view, nx, ny);
  const scale = levelScale(grid.values);
  const levels = contourLevels(grid.min, grid.max, levelCount, scale);
  const bands = contours().size([nx, ny]).thresholds(levels)(Array.from(grid.values));
  const sx = width / nx;
  const sy = height / ny;
  context.fillStyle = rampColor(0);
  context.fillRect(0, 0, width, height);
  bands.forEach((band, k) => {
    context.beginPath();
    for (const polygon of band.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([gx, gy], i) => (i === 0 ? context.moveTo(gx * sx, gy * sy) : context.lineTo(gx * sx, gy * sy)));
        context.closePath();
      }
    }
    context.fillStyle = rampColor((k + 1) / levels.length);
    context.fill('evenodd');
    context.strokeStyle = 'rgba(31, 41, 55, 0.35)';
    context.lineWidth = 0.8;
    context.stroke();
  });
  return { scale, levels };
}
