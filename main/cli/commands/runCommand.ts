import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { parseOrThrow } from '../../../shared/api/apiError.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { finishedStatuses, type RunSummary } from '../../../shared/runs/runTypes.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions } from '../cliContext.js';

/** Reads and validates a run config file; errors name the file and every bad field. */
export async function readRunConfigFile(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseOrThrow(runConfigSchema, json, `run config in ${file}`);
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('train one run from a config file, headless, into the database')
    .argument('<config.json>', 'run config (the same schema as the New Run form)')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, options: { quiet?: boolean }, command: Command) => {
      const config = await readRunConfigFile(file);
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false });
      const bar = new SingleBar(
        { format: 'run {id} |{bar}| {percentage}% | epoch {epoch}/{epochs} | ETA {eta_formatted} | loss {loss}', hideCursor: true, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000 },
        Presets.shades_classic,
      );
      try {
        const created = await services.handlers.createRun({ config });
        const payload = { id: created.id, epoch: 0, epochs: config.training.epochs, loss: '-' };
        if (!options.quiet) bar.start(1, 0, payload);
        const finished = await new Promise<RunSummary>((resolve) => {
          const unsubscribe = services.onEvent((event) => {
            if (event.type === 'metrics' && event.runId === created.id) {
              const last = event.points.findLast((p) => p.key === 'train/loss_step' || p.key === 'train/loss');
              if (last) payload.loss = last.value.toPrecision(4);
            }
            if (event.type !== 'run-updated' || event.run.id !== created.id) return;
            const { progress } = event.run;
            if (progress && !options.quiet) {
              bar.setTotal(progress.totalSteps);
              bar.update(progress.step, { ...payload, epoch: progress.epoch });
            }
            if (finishedStatuses.includes(event.run.status)) {
              unsubscribe();
              resolve(event.run);
            }
          });
        });
        if (!options.quiet) bar.stop();
        const metrics = Object.entries(finished.lastMetrics).map(([k, v]) => `${k}=${v.toPrecision(4)}`).join(' ');
        console.log(`run ${finished.id} ${finished.status}${finished.error ? `: ${finished.error}` : ''}${metrics ? `\n${metrics}` : ''}`);
        process.exitCode = finished.status === 'completed' ? 0 : 1;
      } finally {
        bar.stop();
        await services.close();
      }
    });
}
