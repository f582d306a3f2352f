/** Where a run submitted to a cluster is in its scheduler. */
export interface ClusterJob {
  runId: number;
  profile: string;
  /** The array job's id (`sbatch --parsable`); the task is `<jobId>_<taskIndex>`. */
  jobId: string;
  taskIndex: number;
  /** The job's folder on the shared storage (script, task files, logs, checkpoints). */
  jobDir: string;
  /** Slurm's last state of the task (PENDING, RUNNING, TIMEOUT, …) and its reason; null before the first poll. */
  state: string | null;
  reason: string | null;
  submittedAt: string;
}
