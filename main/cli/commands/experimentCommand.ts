import type { Command } from 'commander';
import { parseOrThrow } from '../../../shared/api/apiError.js';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions, parsePositiveIntegerOption } from '../cliContext.js';
import { readJsonFile } from '../../experiments/readJsonFile.js';

function formatSeconds(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function registerExperimentCommand(program: Command): void {
  const experiment = program.command('experiment').description('experiments: a base config, a sweep and trials (seeds)');

  experiment
    .command('run')
    .description('expand an experiment config into runs and train them all, headless, into the database')
    .argument('<experiment.json>', 'experiment config: { name, base, sweep: { axes, linked }, trials }')
    .option('--dry-run', 'only print the runs it expands to and the estimated time')
    .option('--concurrency <n>', 'runs training at the same time (at least 1)', parsePositiveIntegerOption, 1)
    .action(async (file: string, options: { dryRun?: boolean; concurrency: number }, command: Command) => {
      const config = parseOrThrow(experimentConfigSchema, await readJsonFile(file), `experiment config in ${file}`);
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: 'optlab experiment run', concurrency: options.concurrency });
      try {
        const preview = await services.handlers.previewExperiment({ config });
        console.log(`${config.name}: ${preview.settingCount} setting(s) × ${preview.runCount / preview.settingCount} seed(s) = ${preview.runCount} run(s); estimated ${formatSeconds(preview.estimatedSeconds)} (${preview.estimateBasis})`);
        if (options.dryRun) {
          for (const run of preview.runs) console.log(`  ${run.name}`);
          return;
        }
        const created = await services.handlers.createExperiment({ config });
        console.log(`experiment ${created.id}: runs ${created.runIds.join(', ')}`);
        const finished = await Promise.all(
          created.runIds.map((id) =>
            services.runs.waitForRun(id).then((run) => {
              console.log(`run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}  ${run.name}`);
              return run;
            }),
          ),
        );
        process.exitCode = finished.every((r) => r.status === 'completed') ? 0 : 1;
      } finally {
        await services.close();
      }
    });

  experiment
    .command('list')
    .description('list the experiments')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: false });
      try {
        const experiments = await services.handlers.listExperiments({});
        if (options.json) console.log(JSON.stringify(experiments, null, 2));
        else
          for (const e of experiments) {
            const counts = Object.entries(e.statusCounts).map(([status, n]) => `${n} ${status}`).join(', ');
            console.log(`${e.id}\t${e.name}\t${e.runIds.length} runs${counts ? ` (${counts})` : ''}\t${e.createdAt}`);
          }
      } finally {
        await services.close();
      }
    });
}

