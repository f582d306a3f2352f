import { formatMetric } from '../../shared/metrics/formatMetric.js';
import type { RunPage } from '../../shared/runs/runQuery.js';

/** A plain-text table of a page of runs for the terminal, with which of the matching runs it shows. */
export function formatRunsTable(page: RunPage): string {
  if (page.total === 0) return 'No runs match. Start one with `optlab run <config.json>` or in the app.';
  const rows = page.rows.map((run) => [
    String(run.id),
    run.name,
    run.status,
    run.dataset,
    run.model,
    run.optimizer,
    run.testAccuracy === null ? '' : formatMetric(run.testAccuracy),
    run.loss === null ? '' : formatMetric(run.loss),
    run.createdAt.replace('T', ' ').slice(0, 19),
  ]);
  const header = ['id', 'name', 'status', 'dataset', 'model', 'optimizer', 'test acc', 'loss', 'created'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const shown = page.rows.length === 0 ? `none of ${page.total} runs (offset ${page.offset})` : `runs ${page.offset + 1}–${page.offset + page.rows.length} of ${page.total}`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', shown].join('\n');
}
