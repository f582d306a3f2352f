import type { RunSummary } from '../../shared/runs/runTypes.js';

/** A plain-text table of runs for the terminal. */
export function formatRunsTable(runs: RunSummary[]): string {
  if (runs.length === 0) return 'No runs yet. Start one with `optlab run <config.json>` or in the app.';
  const rows = runs.map((run) => [
    String(run.id),
    run.name,
    run.status,
    run.config.dataset.kind === 'surface' ? `surface:${run.config.dataset.surface}` : run.config.dataset.kind,
    run.config.model.kind,
    run.config.optimizer.type,
    formatMetric(run.lastMetrics['test/accuracy']),
    formatMetric(run.lastMetrics['test/loss'] ?? run.lastMetrics['surface/distance_to_min']),
    run.createdAt.replace('T', ' ').slice(0, 19),
  ]);
  const header = ['id', 'name', 'status', 'dataset', 'model', 'optimizer', 'test acc', 'test loss', 'created'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function formatMetric(value: number | undefined): string {
  return value === undefined ? '' : value.toPrecision(4);
}
