import type { Command } from 'commander';
import { parseOrThrow } from '../../../shared/errors/inputError.js';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig.js';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions, parseIntegerOption, parsePositiveIntegerOption } from '../cliContext.js';
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

  experiment
    .command('label')
    .description("set a setting's display label (an empty label restores the generated one)")
    .argument('<id>', 'experiment id', parsePositiveIntegerOption)
    .argument('<setting>', 'setting number, from 1 (as `experiment list --json` lists settingLabels)', parsePositiveIntegerOption)
    .argument('<label>', 'the label, e.g. "MAS 0.3/0.7"')
    .action(async (id: number, setting: number, label: string, _options: unknown, command: Command) => {
      await withServices(command, 'optlab experiment label', async (services) => {
        const updated = await services.handlers.updateExperiment({ id, labels: { [String(setting - 1)]: label } });
        updated.settingLabels.forEach((l, i) => console.log(`${i + 1}\t${l}`));
      });
    });

  experiment
    .command('extend')
    .description('add trials (seeds) to every setting of an experiment, and train them')
    .argument('<id>', 'experiment id', parsePositiveIntegerOption)
    .option('--count <n>', 'this many seeds after its highest', parsePositiveIntegerOption)
    .option('--seeds <list>', 'these seeds, comma-separated', (v: string) => v.split(',').map((s) => parseIntegerOption(s.trim())))
    .action(async (id: number, options: { count?: number; seeds?: number[] }, command: Command) => {
      await withServices(command, 'optlab experiment extend', async (services) => {
        const before = (await services.handlers.getExperiment({ id })).runIds;
        const extended = await services.handlers.extendExperiment({ id, ...(options.seeds ? { seeds: options.seeds } : { count: options.count ?? 1 }) });
        await reportRuns(services, extended.runIds.filter((r) => !before.includes(r)));
      });
    });

  experiment
    .command('rerun')
    .description("train again an experiment's failed, diverged, cancelled and interrupted trials (each replaced by a fresh run)")
    .argument('<id>', 'experiment id', parsePositiveIntegerOption)
    .action(async (id: number, _options: unknown, command: Command) => {
      await withServices(command, 'optlab experiment rerun', async (services) => {
        const before = (await services.handlers.getExperiment({ id })).runIds;
        const rerun = await services.handlers.rerunExperiment({ id, statuses: ['failed', 'diverged', 'cancelled', 'interrupted'] });
        console.log(`${rerun.requeued} trial(s) queued again`);
        await reportRuns(services, rerun.runIds.filter((r) => !before.includes(r)));
      });
    });

  experiment
    .command('delete')
    .description('delete an experiment; its runs stay (as runs of no experiment) unless --with-runs')
    .argument('<id>', 'experiment id', parsePositiveIntegerOption)
    .option('--with-runs', 'delete its runs and their metrics too')
    .action(async (id: number, options: { withRuns?: boolean }, command: Command) => {
      await withServices(command, 'optlab experiment delete', async (services) => {
        const result = await services.handlers.deleteExperiment({ id, withRuns: options.withRuns === true });
        console.log(`deleted experiment ${id}${result.deletedRuns.length > 0 ? ` and runs ${result.deletedRuns.join(', ')}` : ''}`);
      });
    });
}

type Services = ReturnType<typeof createAppServices>;

async function withServices(command: Command, owner: string, body: (services: Services) => Promise<void>): Promise<void> {
  const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner });
  try {
    await body(services);
  } finally {
    await services.close();
  }
}

/** Waits for the runs, printing each as it ends; the exit code is 1 unless all completed. */
async function reportRuns(services: Services, ids: number[]): Promise<void> {
  const finished = await Promise.all(
    ids.map((id) =>
      services.runs.waitForRun(id).then((run) => {
        console.log(`run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}  ${run.name}`);
        return run;
      }),
    ),
  );
  process.exitCode = finished.every((r) => r.status === 'completed') ? 0 : 1;
}
