import type { Command } from 'commander';
import { parseOrThrow } from '../../../shared/errors/inputError.js';
import { apiMethods } from '../../../shared/api/contract.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions, parseIntegerOption } from '../cliContext.js';
import { formatRunsTable } from '../formatRunsTable.js';

interface RunsOptions {
  json?: boolean;
  filter?: string;
  status?: string;
  dataset?: string;
  model?: string;
  optimizer?: string;
  tag?: string;
  where?: string;
  metric?: string;
  min?: string;
  max?: string;
  sort: string;
  asc?: boolean;
  limit: number;
  offset: number;
}

/** `--where optimizer.lr~0.001`: a config field whose value contains the text. */
function fieldFilter(where: string): { path: string; contains: string } {
  const at = where.indexOf('~');
  if (at <= 0) throw new Error(`--where expects <field>~<text>, e.g. optimizer.lr~0.001 (got "${where}")`);
  return { path: where.slice(0, at), contains: where.slice(at + 1) };
}

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the database (a page of them, filtered and sorted)')
    .option('--filter <words>', 'every word occurs in the id, name, dataset, model, optimizer or status')
    .option('--status <list>', 'comma-separated statuses, e.g. completed,failed')
    .option('--dataset <kind>', 'dataset kind, e.g. fashion-mnist or surface')
    .option('--model <kind>', 'model kind, e.g. mlp')
    .option('--optimizer <type>', 'optimizer type, e.g. mas')
    .option('--tag <tag>', 'runs with this tag')
    .option('--where <field~text>', 'a config field (dotted path) whose value contains the text, e.g. optimizer.lr~0.001')
    .option('--metric <key>', 'an epoch metric to bound with --min/--max, e.g. test/accuracy')
    .option('--min <value>', 'the metric is at least this')
    .option('--max <value>', 'the metric is at most this')
    .option('--sort <key>', 'id, name, dataset, model, optimizer, status, testAccuracy, loss, createdAt, config.<path> or metric:<key>', 'id')
    .option('--asc', 'ascending order (default: descending)')
    .option('--limit <n>', 'how many runs to show', parseIntegerOption, 50)
    .option('--offset <n>', 'how many matching runs to skip', parseIntegerOption, 0)
    .option('--json', 'print the runs in full (config included) as JSON')
    .action(async (options: RunsOptions, command: Command) => {
      const metric =
        options.metric === undefined
          ? undefined
          : { key: options.metric, ...(options.min === undefined ? {} : { min: Number(options.min) }), ...(options.max === undefined ? {} : { max: Number(options.max) }) };
      const query = parseOrThrow(
        apiMethods.queryRuns.input,
        {
          filter: {
            ...(options.filter ? { text: options.filter } : {}),
            ...(options.status ? { statuses: options.status.split(',').map((s) => s.trim()) } : {}),
            ...(options.dataset ? { dataset: options.dataset } : {}),
            ...(options.model ? { model: options.model } : {}),
            ...(options.optimizer ? { optimizer: options.optimizer } : {}),
            ...(options.tag ? { tag: options.tag } : {}),
            ...(options.where ? { field: fieldFilter(options.where) } : {}),
            ...(metric ? { metric } : {}),
          },
          sort: { by: options.sort, descending: !options.asc },
          offset: options.offset,
          limit: Math.max(1, Math.min(options.limit, 1000)),
        },
        'runs options',
      );
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: false });
      try {
        const page = await services.handlers.queryRuns(query);
        if (options.json) {
          console.log(JSON.stringify(await services.handlers.getRuns({ ids: page.rows.map((r) => r.id) }), null, 2));
        } else {
          console.log(formatRunsTable(page));
        }
      } finally {
        await services.close();
      }
    });
}
