import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { tableFormats, writeTable, type TableFormat } from '../../../shared/experiments/tableWriters.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions, parseIntegerOption } from '../cliContext.js';

function parseFormat(value: string): TableFormat {
  if (!(tableFormats as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${tableFormats.join(', ')}`);
  return value as TableFormat;
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
    .option('--digits <n>', 'decimals in Markdown and LaTeX', parseIntegerOption, 4)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: { experiment: number; format: TableFormat; metric?: string[]; digits: number; output?: string }, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false });
      try {
        const table = await services.handlers.getResultsTable({ experimentId: options.experiment, metrics: options.metric });
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
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false });
      try {
        const bundle = await services.handlers.exportExperiment({ id });
        await output(JSON.stringify(bundle) + '\n', options.output);
        if (options.output) console.error(`experiment ${id} (${bundle.runs.length} runs) written to ${options.output}`);
      } finally {
        await services.close();
      }
    });
}
