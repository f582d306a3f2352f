import type { Command } from 'commander';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions } from '../cliContext.js';
import { formatRunsTable } from '../formatRunsTable.js';

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the database')
    .option('--json', 'print the runs as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false });
      try {
        const runs = await services.handlers.listRuns({});
        console.log(options.json ? JSON.stringify(runs, null, 2) : formatRunsTable(runs));
      } finally {
        await services.close();
      }
    });
}
