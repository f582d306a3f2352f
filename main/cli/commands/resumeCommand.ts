import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions } from '../cliContext.js';
import { followRun } from '../followRun.js';

function parseRunId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError('expected a run id (a whole number >= 1)');
  return id;
}

export function registerResumeCommand(program: Command): void {
  program
    .command('resume')
    .description('continue an interrupted, failed or cancelled run from its last epoch checkpoint, headless')
    .argument('<run id>', 'the run to resume', parseRunId)
    .option('--quiet', 'no progress bar')
    .action(async (id: number, options: { quiet?: boolean }, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: 'optlab resume' });
      try {
        await followRun(
          services,
          async () => {
            const queued = await services.handlers.resumeRun({ id });
            if (!options.quiet) console.error(`run ${id}: resuming after epoch ${queued.checkpoint?.epoch ?? 0}`);
            return queued;
          },
          options,
        );
      } finally {
        await services.close();
      }
    });
}
