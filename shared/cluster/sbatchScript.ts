import type { ClusterProfile, ClusterResources } from './clusterProfile.js';

export interface BatchScriptInput {
  profile: ClusterProfile;
  resources: ClusterResources;
  /** The job's folder on the shared storage (the task files `task-<i>.json` are there). */
  jobDir: string;
  /** How many runs the array holds (tasks 0 … count − 1). */
  count: number;
  jobName: string;
}

/** `'…'` for a POSIX shell: the value as one word, whatever it holds. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The task file of array task `index` in a job folder. */
export function taskFilePath(jobDir: string, index: number | '${SLURM_ARRAY_TASK_ID}'): string {
  return `${jobDir}/task-${index}.json`;
}

/**
 * The batch script of a job array: one task per run, each with the run's resources, the profile's
 * set-up lines, then the app's array-task entry (`optlab task <task file>`), which trains the run on
 * the node and reports to the app. Values come from a validated profile (no newlines, no quotes in
 * paths); `sbatch --array=<i>` on the same script resubmits one task.
 */
export function batchScript(input: BatchScriptInput): string {
  const { profile, resources, jobDir, count } = input;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`A job array needs at least one run, got ${count}`);
  const directives = [
    `--job-name=${input.jobName.replace(/[^\w.-]/g, '_')}`,
    `--array=0-${count - 1}`,
    `--cpus-per-task=${resources.cpus}`,
    `--mem=${resources.memory}`,
    `--time=${resources.timeLimit}`,
    ...(resources.gpus > 0 ? [`--gres=gpu:${resources.gpus}`] : []),
    ...(resources.partition ? [`--partition=${resources.partition}`] : []),
    ...(resources.account ? [`--account=${resources.account}`] : []),
    `--output=${jobDir}/task-%a.out`,
    '--open-mode=append',
  ];
  return [
    '#!/bin/bash',
    ...directives.map((d) => `#SBATCH ${d}`),
    '# Written by Optimizer Lab: each array task trains one run and reports to the app.',
    ...profile.setupLines,
    `exec ${profile.optlabCommand} task ${shellQuote(jobDir)}/task-"\${SLURM_ARRAY_TASK_ID}".json`,
    '',
  ].join('\n');
}

/** The sbatch options a submission's resources give, as words (for `sbatch` on the command line, when resubmitting with other resources). */
export function resourceOptions(resources: ClusterResources): string[] {
  return [
    `--cpus-per-task=${resources.cpus}`,
    `--mem=${resources.memory}`,
    `--time=${resources.timeLimit}`,
    ...(resources.gpus > 0 ? [`--gres=gpu:${resources.gpus}`] : []),
    ...(resources.partition ? [`--partition=${resources.partition}`] : []),
    ...(resources.account ? [`--account=${resources.account}`] : []),
  ];
}
