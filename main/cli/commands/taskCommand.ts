import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { runThreads } from '../../../shared/training/runThreads.js';
import type { Command } from 'commander';
import { parseOrThrow } from '../../../shared/errors/inputError.js';
import { clusterTaskSchema } from '../../../shared/cluster/taskFile.js';
import { reportPaths } from '../../../shared/training/reportProtocol.js';
import { appOrigin } from '../../reporting/registerReportedRun.js';
import { relayRun } from '../../reporting/relayRun.js';

/** `optlab task <task file>`: a cluster job array's task (the app writes the file and the batch script). */
export function registerTaskCommand(program: Command): void {
  program
    .command('task')
    .description("train one run of a cluster job array on this node, reporting to the app (the array's batch script runs this)")
    .argument('<task.json>', 'the task file the app wrote into the job folder')
    .action(async (file: string) => {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new Error(`cannot read the task file ${file}: ${(error as Error).message}`);
      }
      const task = parseOrThrow(clusterTaskSchema, json, `task file ${file}`);
      console.error(`optlab: run ${task.runId} on ${process.env.SLURMD_NODENAME ?? 'this node'}, reporting to ${task.reportUrl}`);
      const code = await relayRun({
        url: `${appOrigin(task.reportUrl)}${reportPaths.run(task.runId)}`,
        token: task.token,
        mode: 'task',
        start: {
          type: 'start',
          runId: task.runId,
          config: task.config,
          dataDir: task.dataDir,
          checkpointDir: task.checkpointDir,
          resume: task.resume,
          // The CPUs Slurm gave the task (--cpus-per-task), unless the config sets its threads.
          threads: runThreads(task.config.training.threads, Number(process.env.SLURM_CPUS_PER_TASK) || availableParallelism(), 1),
        },
      });
      process.exit(code);
    });
}
