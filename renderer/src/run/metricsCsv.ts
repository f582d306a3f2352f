import type { MetricSeries } from '../../../shared/runs/runTypes.js';

/** A run's metric series as CSV, one row per point (`metric,step,epoch,value,time_s`). Pure. */
export function metricsCsv(series: Record<string, MetricSeries['points']>): string {
  const lines = ['metric,step,epoch,value,time_s'];
  for (const key of Object.keys(series).sort()) {
    const quoted = /[",\n]/.test(key) ? `"${key.replaceAll('"', '""')}"` : key;
    for (const p of series[key]) lines.push(`${quoted},${p.step},${p.epoch},${p.value},${p.time}`);
  }
  return `${lines.join('\n')}\n`;
}
