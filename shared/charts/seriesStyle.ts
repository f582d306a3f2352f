/**
 * How the i-th series of a chart is drawn so that 20 or more stay apart: ten well-separated colours,
 * then the same colours dashed, dotted and dash-dotted (40 distinct styles before one repeats). Pure.
 */

export const seriesColors = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'] as const;

/** Line dash patterns (canvas `setLineDash` / SVG `stroke-dasharray`), solid first. */
export const seriesDashes: readonly (readonly number[])[] = [[], [7, 3], [2, 2], [8, 3, 2, 3]];

export interface SeriesStyle {
  color: string;
  dash: readonly number[];
}

export function seriesStyle(index: number): SeriesStyle {
  const i = Math.max(0, Math.floor(index));
  return { color: seriesColors[i % seriesColors.length], dash: seriesDashes[Math.floor(i / seriesColors.length) % seriesDashes.length] };
}
