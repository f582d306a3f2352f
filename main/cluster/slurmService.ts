import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ApiError } from '../../shared/api/apiError.js';
import type { ClusterJob } from '../../shared/cluster/clusterJob.js';
import type { ClusterProfile, ClusterResources, ExecutionTarget } from '../../shared/cluster/clusterProfile.js';
import { batchScript, taskFilePath } from '../../shared/cluster/sbatchScript.js';
import { isFinalState, parseSacctTasks, parseScontrolJobs, parseSqueueTasks, schedulerEnding, type SlurmTaskState } from '../../shared/cluster/slurmJobState.js';
import type { ClusterTask } from '../../shared/cluster/taskFile.js';
import { resumableStatuses, type RunSummary } from '../../shared/runs/runTypes.js';
import type { RunReports } from '../reporting/runReports.js';
import type { RunService } from '../runs/runService.js';
import type { ClusterJobStore } from '../store/clusterJobStore.js';
import type { RunStore } from '../store/runStore.js';
import { readCheckpoint } from '../checkpoint/checkpointFile.js';
import { configHash } from '../checkpoint/configHash.js';
import { summarizeDiagnostics } from '../runs/crashReason.js';
import { commandError, type ClusterShell } from './clusterShell.js';

export interface SlurmServiceOptions {
  store: RunStore;
  jobs: ClusterJobStore;
  reports: RunReports;
  runs: RunService;
  /** The profile of this name (from the stored settings), or undefined. */
  profile(name: string): ClusterProfile | undefined;
  shell(profile: ClusterProfile): ClusterShell;
  /** How often the scheduler is asked about live tasks, in ms (default 10 s). */
  pollMs?: number;
}

interface LiveTask {
  runId: number;
  profile: ClusterProfile;
  jobId: string;
  taskIndex: number;
  /** Why the scheduler's record may be missing (a task reattached after the app was stopped, and what sacct said). */
  unknownNote?: string;
}

/**
 * The Slurm execution target: hands runs to a cluster as one job array (`sbatch --array`), each task
 * training one run on its node and reporting to the app with the run's own token; follows the tasks
 * with `scontrol show job` and maps their states to run statuses (a time limit, a preemption or a
 * node failure interrupt the run, scancel cancels it, anything else fails it, with the reason);
 * cancels with `scancel`; resumes a stopped run from its checkpoint on the shared storage by
 * submitting its task again.
 */
export class SlurmService {
  private readonly live = new Map<number, LiveTask>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private polling = false;
  private closed = false;

  constructor(private readonly options: SlurmServiceOptions) {}

  /** Whether a run was submitted to a cluster (its resume goes back there). */
  owns(runId: number): boolean {
    return this.options.jobs.get(runId) !== undefined;
  }

  jobsOf(runIds: readonly number[]): ClusterJob[] {
    return this.options.jobs.getMany(runIds);
  }

  /** Checks a target before anything is created for it. */
  requireProfile(target: ExecutionTarget): ClusterProfile {
    const profile = this.options.profile(target.profile);
    if (!profile) throw new ApiError(`There is no cluster profile ${target.profile} (add it on the Clusters page)`, 'not-found');
    return profile;
  }

  /**
   * Submits queued runs as one job array. When the submission fails, the runs fail with what sbatch
   * said, and the error is thrown.
   */
  async submit(runIds: readonly number[], target: ExecutionTarget): Promise<{ jobId: string; jobDir: string }> {
    const profile = this.requireProfile(target);
    const resources: ClusterResources = { ...profile.resources, ...target.resources };
    const shell = this.options.shell(profile);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const jobDir = `${profile.sharedFolder}/optlab-jobs/${stamp}-${randomBytes(4).toString('hex')}`;
    const tasks: LiveTask[] = runIds.map((runId, taskIndex) => ({ runId, profile, jobId: '', taskIndex }));
    try {
      const made = await shell.exec(['mkdir', '-p', '-m', '700', `${jobDir}/checkpoints`]);
      if (made.code !== 0) throw new Error(`could not make the job folder ${jobDir} on ${shell.where}: ${commandError(made)}`);
      for (const task of tasks) await this.writeTask(shell, profile, jobDir, task);
      await shell.writeFile(`${jobDir}/job.sh`, batchScript({ profile, resources, jobDir, count: tasks.length, jobName: `optlab-${runIds[0]}` }));
      const jobId = await this.sbatch(shell, [`${jobDir}/job.sh`]);
      const submittedAt = new Date().toISOString();
      for (const task of tasks) {
        task.jobId = jobId;
        this.options.jobs.put({ runId: task.runId, profile: profile.name, jobId, taskIndex: task.taskIndex, jobDir, state: 'PENDING', reason: null, submittedAt });
      }
      this.startPolling();
      return { jobId, jobDir };
    } catch (error) {
      const message = `Could not submit to ${profile.name}: ${(error as Error).message}`;
      for (const task of tasks) {
        const handle = this.options.reports.handleOf(task.runId);
        if (handle) handle.end(null, null, { status: 'failed', reason: message });
        // A run whose task file was never written has no handle: it fails here (it is not trained on this machine).
        else this.options.runs.announce(this.options.store.updateRun(task.runId, { status: 'failed', error: message, finishedAt: new Date().toISOString() }));
        this.live.delete(task.runId);
      }
      throw new ApiError(message, 'conflict');
    }
  }

  /**
   * At start-up, before runs left `running` become `interrupted`: takes back the runs a previous app
   * left queued or running on a cluster whose tokens are still live (their tasks went on without the
   * app). Each keeps its token (the task holds it; only its hash is stored) and is watched again from
   * the report stored last; then the scheduler is asked about them (`squeue`, `sacct` for the ones
   * that ended meanwhile, `scontrol` where there is no accounting) and the finished ones get their
   * final status. Returns the runs reattached and every unfinished run that belongs to a cluster
   * (never to be trained on this machine).
   */
  reattach(): { reattached: number[]; cluster: Set<number> } {
    const jobs = this.unfinishedJobs();
    const tasks: LiveTask[] = [];
    for (const job of jobs) {
      const profile = this.options.profile(job.profile);
      if (!profile) continue;
      const task: LiveTask = { runId: job.runId, profile, jobId: job.jobId, taskIndex: job.taskIndex };
      if (!this.options.reports.reattach(job.runId, this.hooksOf(task))) continue;
      this.live.set(job.runId, task);
      tasks.push(task);
    }
    if (tasks.length > 0) {
      void this.checkReattached(tasks)
        .catch((error: unknown) => console.error('optlab: asking Slurm about the reattached tasks failed:', error))
        .finally(() => {
          this.startPolling();
          void this.poll().catch(() => undefined);
        });
    }
    return { reattached: tasks.map((t) => t.runId), cluster: new Set(jobs.map((job) => job.runId)) };
  }

  /**
   * Resubmits a stopped run's task to continue from its last checkpoint (checked first when this
   * machine sees the shared storage; the node checks it again before training).
   */
  async resumeRun(runId: number): Promise<RunSummary> {
    const run = this.options.store.getRun(runId);
    const job = this.options.jobs.get(runId);
    if (!run || !job) throw new ApiError(`There is no cluster run ${runId}`, 'not-found');
    if (!resumableStatuses.includes(run.status)) throw new ApiError(`Run ${run.id} is ${run.status}; only an interrupted, failed or cancelled run can resume`, 'conflict');
    if (!run.checkpoint) throw new ApiError(`Run ${run.id} has no epoch checkpoint to resume from (it stopped before finishing an epoch)`, 'conflict');
    const profile = this.options.profile(job.profile);
    if (!profile) throw new ApiError(`Run ${run.id} was submitted to ${job.profile}, which is no longer a cluster profile`, 'conflict');
    let { epoch, step } = run.checkpoint;
    if (existsSync(run.checkpoint.path)) {
      try {
        const checkpoint = readCheckpoint(run.checkpoint.path);
        if (checkpoint.configHash !== configHash(run.config)) throw new Error('its checkpoint was written for another config');
        ({ epoch, step } = checkpoint);
      } catch (error) {
        throw new ApiError(`Run ${run.id} cannot resume: ${(error as Error).message}`, 'conflict');
      }
    }
    this.options.store.discardAfterStep(run.id, step);
    const queued = this.options.store.updateRun(run.id, { status: 'queued', error: null, finishedAt: null, checkpoint: { ...run.checkpoint, epoch, step } });
    this.options.runs.announce(queued);
    const shell = this.options.shell(profile);
    const task: LiveTask = { runId, profile, jobId: '', taskIndex: job.taskIndex };
    try {
      await this.writeTask(shell, profile, job.jobDir, task, { path: run.checkpoint.path, epoch });
      task.jobId = await this.sbatch(shell, [`--array=${job.taskIndex}`, `${job.jobDir}/job.sh`]);
    } catch (error) {
      const message = `Could not resubmit to ${profile.name}: ${(error as Error).message}`;
      this.options.reports.handleOf(runId)?.end(null, null, { status: 'failed', reason: message });
      this.live.delete(runId);
      throw new ApiError(message, 'conflict');
    }
    this.options.jobs.put({ ...job, jobId: task.jobId, state: 'PENDING', reason: null, submittedAt: new Date().toISOString() });
    this.startPolling();
    return this.options.store.getRun(runId) ?? queued;
  }

  /** Asks the scheduler about every live task once (the poll loop does this every `pollMs`). */
  async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      const byJob = new Map<string, LiveTask[]>();
      for (const task of this.live.values()) {
        if (task.jobId === '') continue;
        const key = `${task.profile.name}\u0000${task.jobId}`;
        byJob.set(key, [...(byJob.get(key) ?? []), task]);
      }
      for (const tasks of byJob.values()) await this.pollJob(tasks);
    } finally {
      this.polling = false;
    }
  }

  /** Stops following the tasks (they are ended by the queue's shutdown). */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The reattached tasks, once: `squeue` says which are still pending or running (they stay live);
   * `sacct` (where the cluster keeps accounting) how the others ended, which ends their runs. What
   * neither says is left to the poll (`scontrol`, which remembers tasks for the cluster's MinJobAge).
   */
  /** The runs left queued or running on a cluster (by an app that stopped). */
  unfinishedRuns(): Set<number> {
    return new Set(this.unfinishedJobs().map((job) => job.runId));
  }

  private unfinishedJobs(): ClusterJob[] {
    const unfinished = this.options.store.listRuns({ statuses: ['queued', 'running'] });
    return this.options.jobs.getMany(unfinished.map((run) => run.id));
  }

  private async checkReattached(tasks: LiveTask[]): Promise<void> {
    const byProfile = new Map<string, LiveTask[]>();
    for (const task of tasks) byProfile.set(task.profile.name, [...(byProfile.get(task.profile.name) ?? []), task]);
    for (const group of byProfile.values()) {
      const shell = this.options.shell(group[0].profile);
      const jobIds = [...new Set(group.map((t) => t.jobId))];
      const squeue = await shell.exec(['squeue', '-h', '-r', '--states=all', '-j', jobIds.join(','), '-o', '%i|%T|%r']);
      if (this.closed) return;
      if (squeue.code !== 0 && !/invalid job id/i.test(squeue.stderr)) continue; // the scheduler did not answer: the poll asks again
      const queued = squeue.code === 0 ? parseSqueueTasks(squeue.stdout) : [];
      const ended: LiveTask[] = [];
      for (const task of group) {
        const state = findTask(queued, task);
        if (state && !isFinalState(state.state)) {
          this.options.jobs.setState(task.runId, state.state, state.reason);
          continue;
        }
        ended.push(task);
      }
      if (ended.length === 0) continue;
      const sacct = await shell.exec(['sacct', '-n', '-P', '-X', '-j', ended.map((t) => `${t.jobId}_${t.taskIndex}`).join(','), '-o', 'JobID,State,ExitCode,Reason']);
      if (this.closed) return;
      const accounted = sacct.code === 0 ? parseSacctTasks(sacct.stdout) : [];
      for (const task of ended) {
        const state = findTask(accounted, task);
        if (state && isFinalState(state.state) && this.live.get(task.runId) === task) this.endTask(task, state);
        else
          task.unknownNote =
            sacct.code === 0 ? 'it ended while the app was stopped, and sacct has no record of it' : `it ended while the app was stopped, and sacct could not tell how (${commandError(sacct)})`;
      }
    }
  }

  private async pollJob(tasks: LiveTask[]): Promise<void> {
    const { profile, jobId } = tasks[0];
    const result = await this.options.shell(profile).exec(['scontrol', 'show', 'job', '-o', jobId]);
    if (this.closed) return;
    const states = result.code === 0 ? parseScontrolJobs(result.stdout) : [];
    const unknown = result.code !== 0 && /invalid job id/i.test(result.stderr);
    if (result.code !== 0 && !unknown) return; // the scheduler did not answer: ask again next time
    for (const task of tasks) {
      if (this.live.get(task.runId) !== task) continue;
      const state = states.find((s) => s.arrayJobId === jobId && s.taskIndex === task.taskIndex);
      const handle = this.options.reports.handleOf(task.runId);
      if (!state) {
        if (!unknown) continue;
        this.live.delete(task.runId);
        this.options.jobs.setState(task.runId, 'UNKNOWN', 'Slurm no longer knows the job');
        handle?.end(
          null,
          null,
          task.unknownNote
            ? { status: 'interrupted', reason: `Slurm no longer knows job ${jobId}_${task.taskIndex}: ${task.unknownNote}; resume continues from the last checkpoint` }
            : { status: 'failed', reason: `Slurm no longer knows job ${jobId}_${task.taskIndex}, and its run did not report its end` },
        );
        continue;
      }
      if (!isFinalState(state.state)) {
        this.options.jobs.setState(task.runId, state.state, state.reason);
        const run = this.options.store.getRun(task.runId);
        if (run?.status === 'queued') this.options.runs.announce(run);
        continue;
      }
      this.endTask(task, state);
    }
  }

  /** A task Slurm says is over: its run ends as the state says (unless it reported its own end first). */
  private endTask(task: LiveTask, state: SlurmTaskState): void {
    this.live.delete(task.runId);
    this.options.jobs.setState(task.runId, state.state, state.reason);
    const handle = this.options.reports.handleOf(task.runId);
    const ending = schedulerEnding(state, task.profile.resources.timeLimit);
    const told = handle ? summarizeDiagnostics(handle.diagnostics()) : '';
    if (ending.status === 'failed' && told) ending.reason += `.\n${told}`;
    handle?.end(state.exitCode, state.exitSignal === null || state.exitSignal === 0 ? null : `signal ${state.exitSignal}`, ending);
  }

  /** How the queue's cancel and kill reach the task, and that it goes on when the app stops. */
  private hooksOf(task: LiveTask) {
    return { onCancel: () => void this.scancel(task), onKill: () => void this.scancel(task), detachable: true };
  }

  /** Issues the run's token, watches it through the queue, and writes its task file. */
  private async writeTask(shell: ClusterShell, profile: ClusterProfile, jobDir: string, task: LiveTask, resume?: { path: string; epoch: number }): Promise<void> {
    const run = this.options.store.getRun(task.runId);
    if (!run) throw new Error(`there is no run ${task.runId}`);
    const { token } = this.options.reports.open(task.runId, this.hooksOf(task));
    this.live.set(task.runId, task);
    const content: ClusterTask = {
      runId: task.runId,
      reportUrl: profile.reportUrl,
      token,
      config: run.config,
      dataDir: profile.dataDir ?? `${profile.sharedFolder}/data`,
      checkpointDir: `${jobDir}/checkpoints/run-${task.runId}`,
      resume,
    };
    await shell.writeFile(taskFilePath(jobDir, task.taskIndex), `${JSON.stringify(content, null, 2)}\n`);
  }

  private async sbatch(shell: ClusterShell, args: string[]): Promise<string> {
    const result = await shell.exec(['sbatch', '--parsable', ...args]);
    const jobId = /^(\d+)/.exec(result.stdout.trim())?.[1];
    if (result.code !== 0 || !jobId) throw new Error(`sbatch on ${shell.where}: ${commandError(result)}`);
    return jobId;
  }

  private async scancel(task: LiveTask): Promise<void> {
    if (task.jobId === '') return;
    await this.options.shell(task.profile).exec(['scancel', `${task.jobId}_${task.taskIndex}`]);
    if (!this.closed) void this.poll().catch(() => undefined);
  }

  private startPolling(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      if (this.live.size === 0) return;
      void this.poll().catch((error: unknown) => console.error('optlab: asking Slurm about its tasks failed:', error));
    }, this.options.pollMs ?? 10_000);
    this.timer.unref();
  }
}

function findTask(states: readonly SlurmTaskState[], task: LiveTask): SlurmTaskState | undefined {
  return states.find((s) => s.arrayJobId === task.jobId && s.taskIndex === task.taskIndex);
}
