import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { tableFormats, writeTable, type TableFormat } from '../../../shared/experiments/tableWriters.js';
import { tableLayoutSchema, type TableLayout, type TableLayoutInput } from '../../../shared/experiments/tableLayout.js';
import { presetLayout, tablePresetIds, type TablePresetId } from '../../../shared/experiments/tablePresets.js';
import { ApiError } from '../../../shared/api/apiError.js';
import { issuesFromZod } from '../../../shared/errors/fieldIssue.js';
import { readJsonFile } from '../../experiments/readJsonFile.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions, parseIntegerOption } from '../cliContext.js';

function parseFormat(value: string): TableFormat {
  if (!(tableFormats as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${tableFormats.join(', ')}`);
  return value as TableFormat;
}

function parseList<T extends string>(allowed: readonly T[]) {
  return (value: string): T[] => {
    const items = value.split(',').map((v) => v.trim());
    const bad = items.filter((v) => !(allowed as readonly string[]).includes(v));
    if (bad.length > 0 || items.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${allowed.join(', ')}`);
    return items as T[];
  };
}

function parsePreset(value: string): TablePresetId {
  if (!(tablePresetIds as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${tablePresetIds.join(', ')}`);
  return value as TablePresetId;
}

interface TableOptions {
  experiment: number;
  format: TableFormat;
  metric?: string[];
  preset?: TablePresetId;
  layout?: string;
  of?: ('final' | 'best')[];
  stats?: ('mean' | 'std' | 'min' | 'max')[];
  groupBy?: string;
  caption?: string;
  label?: string;
  digits?: number;
  output?: string;
}

/**
 * The layout the options ask for: the file's, else the preset's (for the metrics named, test
 * accuracy by default), with the group-by, caption and label given on the command line; none
 * when only --of/--stats (or nothing) is given and no override needs one.
 */
async function tableLayout(options: TableOptions): Promise<TableLayout | undefined> {
  if (options.layout && options.preset) throw new InvalidArgumentError('give --layout or --preset, not both');
  if (options.layout && (options.of || options.stats)) throw new InvalidArgumentError('give --layout or --of/--stats, not both');
  if (options.preset && (options.of || options.stats)) throw new InvalidArgumentError('give --preset or --of/--stats, not both');
  const overrides = options.groupBy !== undefined || options.caption !== undefined || options.label !== undefined;
  let base: TableLayoutInput | undefined;
  if (options.layout) {
    const parsed = tableLayoutSchema.safeParse(await readJsonFile(options.layout));
    if (!parsed.success) throw new ApiError(`${options.layout} is not a table layout`, 'invalid-input', issuesFromZod(parsed.error));
    base = parsed.data;
  } else if (options.preset || (overrides && !options.of && !options.stats)) base = presetLayout(options.preset ?? 'compact', options.metric ?? ['test/accuracy']);
  if (!base) {
    if (overrides) throw new InvalidArgumentError('--group-by, --caption and --label need a preset or a layout, not --of/--stats');
    return undefined;
  }
  const merged = tableLayoutSchema.safeParse({
    ...base,
    ...(options.groupBy !== undefined ? { groupBy: options.groupBy.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
    ...(options.caption !== undefined ? { caption: options.caption } : {}),
    ...(options.label !== undefined ? { label: options.label } : {}),
  });
  if (!merged.success) throw new ApiError(`The table layout is not valid`, 'invalid-input', issuesFromZod(merged.error));
  return merged.data;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

async function output(text: string, file: string | undefined): Promise<void> {
  if (file) await writeFile(file, text, 'utf8');
  else process.stdout.write(text);
}

export function registerExportCommand(program: Command): void {
  const exportCommand = program.command('export').description('export results tables and whole experiments');

  exportCommand
    .command('table')
    .description("an experiment's results table: a preset layout (compact, paper-mas, paper-fusion, statistics) or a layout file")
    .requiredOption('--experiment <id>', 'experiment id', parseIntegerOption)
    .option('--format <format>', `one of ${tableFormats.join(', ')}`, parseFormat, 'md' as TableFormat)
    .option('--metric <key>', 'epoch metric to summarise, e.g. test/accuracy (repeatable)', collect)
    .option('--preset <name>', `a ready-made layout: ${tablePresetIds.join(', ')} (default compact: fits a page column)`, parsePreset)
    .option('--layout <file>', 'a JSON file with the table layout (columns, groupBy, caption, label, digits, fit, width)')
    .option('--of <values>', 'every statistic of these values per trial: final, best (comma-separated; instead of a preset)', parseList(['final', 'best'] as const))
    .option('--stats <stats>', 'with --of: statistics over trials: mean, std, min, max (comma-separated; default all)', parseList(['mean', 'std', 'min', 'max'] as const))
    .option('--group-by <paths>', 'row groups by config fields, e.g. model or model,dataset (comma-separated)')
    .option('--caption <text>', 'the caption ({trials}, {epochs} and {dataset} are filled in)')
    .option('--label <label>', 'the LaTeX label, e.g. tab:mas')
    .option('--digits <n>', 'decimals in Markdown and LaTeX', parseIntegerOption)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: TableOptions, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: false });
      try {
        const layout = await tableLayout(options);
        const table = await services.handlers.getResultsTable({
          experimentId: options.experiment,
          metrics: options.metric,
          ...(layout ? { layout } : options.of || options.stats ? { of: options.of, stats: options.stats } : {}),
        });
        await output(writeTable(table, options.format, { digits: options.digits }), options.output);
      } finally {
        await services.close();
      }
    });

  exportCommand
    .command('experiment')
    .description('an experiment with its runs, metrics and histograms as one JSON file (for optlab import)')
    .argument('<id>', 'experiment id', parseIntegerOption)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (id: number, options: { output?: string }, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: false });
      try {
        const bundle = await services.handlers.exportExperiment({ id });
        await output(JSON.stringify(bundle) + '\n', options.output);
        if (options.output) console.error(`experiment ${id} (${bundle.runs.length} runs) written to ${options.output}`);
      } finally {
        await services.close();
      }
    });
}
