import type { RunStatus } from '../runs/runTypes.js';

/** One array task as `scontrol show job -o` describes it. */
export interface SlurmTaskState {
  arrayJobId: string;
  taskIndex: number;
  /** JOB_STATE without its flags: PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, PREEMPTED, NODE_FAIL, … */
  state: string;
  reason: string | null;
  /** `ExitCode=<code>:<signal>`. */
  exitCode: number | null;
  exitSignal: number | null;
}

/**
 * Parses `scontrol show job -o <array job id>`: one line per task; tasks still pending together are
 * one line whose ArrayTaskId is a list of ranges (`2-5`, `1,3`, `0-9%2`), expanded here.
 */
export function parseScontrolJobs(text: string): SlurmTaskState[] {
  const tasks: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('JobId=')) continue;
    const fields = new Map<string, string>();
    for (const match of line.matchAll(/(?:^|\s)([A-Za-z:]+)=(\S*)/g)) if (!fields.has(match[1])) fields.set(match[1], match[2]);
    const jobId = fields.get('JobId');
    const arrayJobId = fields.get('ArrayJobId') ?? jobId;
    const state = (fields.get('JobState') ?? 'UNKNOWN').split('+')[0].toUpperCase();
    const reasonText = fields.get('Reason');
    const reason = reasonText === undefined || reasonText === 'None' || reasonText === '(null)' ? null : reasonText;
    const [code, signal] = (fields.get('ExitCode') ?? '').split(':').map((n) => (n === undefined || n === '' ? null : Number(n)));
    const indices = fields.has('ArrayTaskId') ? expandTaskIds(fields.get('ArrayTaskId')!) : [0];
    if (!arrayJobId) continue;
    for (const taskIndex of indices) tasks.push({ arrayJobId, taskIndex, state, reason, exitCode: code ?? null, exitSignal: signal ?? null });
  }
  return tasks;
}

/** `0-3,7%2` → [0, 1, 2, 3, 7] (the throttle after % is dropped). */
export function expandTaskIds(spec: string): number[] {
  const ids: number[] = [];
  for (const part of spec.split('%')[0].split(',')) {
    const range = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (!range) continue;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    const step = range[3] === undefined ? 1 : Math.max(1, Number(range[3]));
    for (let i = first; i <= last; i += step) ids.push(i);
  }
  return ids;
}

/** How a task's end ends its run. */
export interface SchedulerEnding {
  status: Extract<RunStatus, 'failed' | 'cancelled' | 'interrupted'>;
  reason: string;
}

/** The states in which a task is still waiting or working. */
const liveStates = new Set(['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'SUSPENDED', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESIZING', 'SIGNALING', 'STAGE_OUT', 'RESV_DEL_HOLD', 'SPECIAL_EXIT']);

/** Whether the task is over (Slurm will not run it again). */
export function isFinalState(state: string): boolean {
  return !liveStates.has(state);
}

/**
 * What a finished task means for its run, when the run's trainer did not report how it ended
 * (a run that reported completion is completed whatever the task's state): a time limit, a
 * preemption or a node failure interrupt it (it can resume from its last checkpoint); scancel
 * cancels it; anything else fails it, with the exit code or signal.
 */
export function schedulerEnding(task: Pick<SlurmTaskState, 'state' | 'reason' | 'exitCode' | 'exitSignal'>, timeLimit?: string): SchedulerEnding {
  const because = task.reason ? ` (${task.reason})` : '';
  switch (task.state) {
    case 'TIMEOUT':
      return { status: 'interrupted', reason: `Slurm stopped the task at its time limit${timeLimit ? ` (${timeLimit})` : ''}; resume continues from the last checkpoint` };
    case 'PREEMPTED':
      return { status: 'interrupted', reason: 'Slurm preempted the task; resume continues from the last checkpoint' };
    case 'NODE_FAIL':
      return { status: 'interrupted', reason: `The task's node failed${because}; resume continues from the last checkpoint` };
    case 'DEADLINE':
      return { status: 'interrupted', reason: 'Slurm stopped the task at its deadline; resume continues from the last checkpoint' };
    case 'CANCELLED':
      return { status: 'cancelled', reason: 'The task was cancelled in Slurm (scancel)' };
    case 'OUT_OF_MEMORY':
      return { status: 'failed', reason: 'The task ran out of its memory limit (raise the memory of the run)' };
    case 'BOOT_FAIL':
      return { status: 'failed', reason: `The task's node failed to boot${because}` };
    case 'COMPLETED':
      return { status: 'failed', reason: "The task ended without reporting the run's end (see its log task-<index>.out in the job folder)" };
    default:
      return {
        status: 'failed',
        reason:
          task.exitSignal !== null && task.exitSignal > 0
            ? `The task was killed by signal ${task.exitSignal} (Slurm: ${task.state}${because})`
            : `The task failed with exit code ${task.exitCode ?? '?'} (Slurm: ${task.state}${because})`,
      };
  }
}

/**
 * Parses `squeue -h -r --states=all -o '%i|%T|%r'`: one line per array task (`<job>_<task>`, or
 * `<job>_[2-5]` for tasks still pending together), its state and reason. squeue knows the tasks
 * that are live and those that ended lately (within the cluster's MinJobAge); it has no exit codes.
 */
export function parseSqueueTasks(text: string): SlurmTaskState[] {
  return parsePipeLines(text, (fields) => ({ id: fields[0], state: fields[1], reason: fields[2], exit: undefined }));
}

/**
 * Parses `sacct -n -P -X -o JobID,State,ExitCode,Reason`: the accounting records of array tasks,
 * finished ones included (`CANCELLED by 0` is CANCELLED; ExitCode is `<code>:<signal>`).
 */
export function parseSacctTasks(text: string): SlurmTaskState[] {
  return parsePipeLines(text, (fields) => ({ id: fields[0], state: fields[1], exit: fields[2], reason: fields[3] }));
}

function parsePipeLines(text: string, pick: (fields: string[]) => { id?: string; state?: string; reason?: string; exit?: string }): SlurmTaskState[] {
  const tasks: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    const { id, state, reason, exit } = pick(line.trim().split('|'));
    const match = /^(\d+)(?:_(\d+|\[[^\]]+\]))?$/.exec(id?.trim() ?? '');
    if (!match || !state) continue;
    const indices = match[2] === undefined ? [0] : expandTaskIds(match[2].replace(/^\[|\]$/g, ''));
    const [code, signal] = (exit ?? '').split(':').map((n) => (n === undefined || n.trim() === '' ? null : Number(n)));
    const reasonText = reason?.trim();
    for (const taskIndex of indices) {
      tasks.push({
        arrayJobId: match[1],
        taskIndex,
        state: state.trim().split(/[\s+]/)[0].toUpperCase(),
        reason: reasonText === undefined || reasonText === '' || reasonText === 'None' || reasonText === '(null)' ? null : reasonText,
        exitCode: code ?? null,
        exitSignal: signal ?? null,
      });
    }
  }
  return tasks;
}
