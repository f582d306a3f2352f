import type { ClusterJob } from '../../shared/cluster/clusterJob.js';

/** Where each run submitted to a cluster is in its scheduler: profile, job, task, state. */
export interface ClusterJobStore {
  /** Records a run's (new) submission, replacing an earlier one of the same run. */
  put(job: ClusterJob): void;
  /** Records the scheduler's latest state and reason of a run's task. */
  setState(runId: number, state: string, reason: string | null): void;
  get(runId: number): ClusterJob | undefined;
  /** The runs of these ids that were submitted to a cluster. */
  getMany(runIds: readonly number[]): ClusterJob[];
}
