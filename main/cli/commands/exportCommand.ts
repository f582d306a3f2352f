import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { tableFormats, writeTable, type TableFormat } from '../../../shared/experiments/tableWriters.js';
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
    .description("an experiment's results table (mean, std, min, max of final and best values per setting)")
    .requiredOption('--experiment <id>', 'experiment id', parseIntegerOption)
    .option('--format <format>', `one of ${tableFormats.join(', ')}`, parseFormat, 'md' as TableFormat)
    .option('--metric <key>', 'epoch metric to summarise, e.g. test/accuracy (repeatable)', collect)
    .option('--of <values>', 'which values per trial: final, best (comma-separated; default both)', parseList(['final', 'best'] as const))
    .option('--stats <stats>', 'statistics over trials: mean, std, min, max (comma-separated; default all)', parseList(['mean', 'std', 'min', 'max'] as const))
    .option('--digits <n>', 'decimals in Markdown and LaTeX', parseIntegerOption, 4)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: { experiment: number; format: TableFormat; metric?: string[]; of?: ('final' | 'best')[]; stats?: ('mean' | 'std' | 'min' | 'max')[]; digits: number; output?: string }, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: false });
      try {
        const table = await services.handlers.getResultsTable({ experimentId: options.experiment, metrics: options.metric, of: options.of, stats: options.stats });
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
