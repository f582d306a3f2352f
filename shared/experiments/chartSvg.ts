import { linearTicks, logTicks, tickLabels } from '../charts/axisTicks.js';

/**
 * A line chart as SVG, drawn from its data (lines and bands), for export next to the canvas PNG:
 * axes with ticks, optional log y-axis, a legend. Pure: returns the SVG text.
 */

export interface SvgLine {
  label: string;
  color: string;
  /** Dash pattern (stroke-dasharray); solid when empty or absent. */
  dash?: readonly number[];
  points: readonly { x: number; y: number }[];
  /** A band around the line (min–max or ±std), drawn translucent under it. */
  band?: readonly { x: number; lo: number; hi: number }[];
}

export interface SvgChartOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  width?: number;
  height?: number;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function chartToSvg(lines: readonly SvgLine[], options: SvgChartOptions): string {
  const width = options.width ?? 800;
  const height = options.height ?? 450;
  const margin = { left: 70, right: 20, top: options.title ? 36 : 16, bottom: 48 + 18 * Math.ceil(lines.length / 3) };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const ty = (y: number) => (options.logY ? Math.log10(y) : y);
  const usable = (y: number) => Number.isFinite(y) && (!options.logY || y > 0);

  const xs: number[] = [];
  const ys: number[] = [];
  for (const line of lines) {
    for (const p of line.points) {
      if (!usable(p.y)) continue;
      xs.push(p.x);
      ys.push(ty(p.y));
    }
    for (const b of line.band ?? []) {
      for (const y of [b.lo, b.hi]) {
        if (!usable(y)) continue;
        xs.push(b.x);
        ys.push(ty(y));
      }
    }
  }
  const xLo = xs.length ? Math.min(...xs) : 0;
  const xHi = xs.length ? Math.max(...xs) : 1;
  let yLo = ys.length ? Math.min(...ys) : 0;
  let yHi = ys.length ? Math.max(...ys) : 1;
  if (yHi === yLo) {
    yLo -= 0.5;
    yHi += 0.5;
  }
  const sx = (x: number) => margin.left + (xHi === xLo ? plotW / 2 : ((x - xLo) / (xHi - xLo)) * plotW);
  const sy = (y: number) => margin.top + plotH - ((ty(y) - yLo) / (yHi - yLo)) * plotH;
  const f = (v: number) => v.toFixed(2);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (options.title) parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`);
  // The same ticks and labels as the canvas charts (shared/charts/axisTicks.ts).
  const xTicks = linearTicks(xLo, xHi, 6);
  tickLabels(xTicks).forEach((text, i) => {
    const x = sx(xTicks[i]);
    parts.push(`<line x1="${f(x)}" y1="${margin.top}" x2="${f(x)}" y2="${margin.top + plotH}" stroke="#eee"/>`);
    parts.push(`<text x="${f(x)}" y="${margin.top + plotH + 16}" text-anchor="middle">${text}</text>`);
  });
  const yTicks = options.logY ? logTicks(10 ** yLo, 10 ** yHi, 6) : linearTicks(yLo, yHi, 6);
  tickLabels(yTicks, options.logY ? 'log' : 'linear').forEach((text, i) => {
    const y = sy(yTicks[i]);
    parts.push(`<line x1="${margin.left}" y1="${f(y)}" x2="${margin.left + plotW}" y2="${f(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${f(y + 4)}" text-anchor="end">${text}</text>`);
  });
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  parts.push(`<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 34}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`);
  for (const line of lines) {
    const band = (line.band ?? []).filter((b) => usable(b.lo) && usable(b.hi));
    if (band.length > 1) {
      const upper = band.map((b) => `${f(sx(b.x))},${f(sy(b.hi))}`);
      const lower = [...band].reverse().map((b) => `${f(sx(b.x))},${f(sy(b.lo))}`);
      parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${escapeXml(line.color)}" fill-opacity="0.18" stroke="none"/>`);
    }
    const pts = line.points.filter((p) => usable(p.y)).map((p) => `${f(sx(p.x))},${f(sy(p.y))}`);
    const dash = line.dash && line.dash.length > 0 ? ` stroke-dasharray="${line.dash.join(' ')}"` : '';
    if (pts.length > 0) parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${escapeXml(line.color)}" stroke-width="1.5"${dash}/>`);
  }
  lines.forEach((line, i) => {
    const x = margin.left + (i % 3) * (plotW / 3);
    const y = margin.top + plotH + 52 + Math.floor(i / 3) * 18;
    const dash = line.dash && line.dash.length > 0 ? ` stroke-dasharray="${line.dash.join(' ')}"` : '';
    parts.push(`<line x1="${f(x)}" y1="${y - 7}" x2="${f(x + 16)}" y2="${y - 7}" stroke="${escapeXml(line.color)}" stroke-width="2.5"${dash}/>`);
    parts.push(`<text x="${f(x + 20)}" y="${y - 4}">${escapeXml(line.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
