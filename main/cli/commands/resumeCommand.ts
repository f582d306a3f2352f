import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { finishedStatuses, type RunSummary } from '../../../shared/runs/runTypes.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions } from '../cliContext.js';

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
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false });
      const bar = new SingleBar(
        { format: 'run {id} |{bar}| {percentage}% | epoch {epoch}/{epochs} | ETA {eta_formatted}', hideCursor: true, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000 },
        Presets.shades_classic,
      );
      try {
        const finished = new Promise<RunSummary>((resolve) => {
          const unsubscribe = services.onEvent((event) => {
            if (event.type !== 'run-updated' || event.run.id !== id) return;
            const { progress } = event.run;
            if (progress && !options.quiet) {
              bar.setTotal(progress.totalSteps);
              bar.update(progress.step, { id, epoch: progress.epoch, epochs: progress.totalEpochs });
            }
            if (finishedStatuses.includes(event.run.status)) {
              unsubscribe();
              resolve(event.run);
            }
          });
        });
        const queued = await services.handlers.resumeRun({ id });
        const from = queued.checkpoint?.epoch ?? 0;
        if (!options.quiet) {
          console.error(`run ${id}: resuming after epoch ${from}`);
          bar.start(1, 0, { id, epoch: from, epochs: queued.config.training.epochs });
        }
        const done = await finished;
        bar.stop();
        const metrics = Object.entries(done.lastMetrics).map(([k, v]) => `${k}=${v.toPrecision(4)}`).join(' ');
        console.log(`run ${done.id} ${done.status}${done.error ? `: ${done.error}` : ''}${metrics ? `\n${metrics}` : ''}`);
        process.exitCode = done.status === 'completed' ? 0 : 1;
      } finally {
        bar.stop();
        await services.close();
      }
    });
}
