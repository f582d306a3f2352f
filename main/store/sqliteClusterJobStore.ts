import type { Database } from 'better-sqlite3';
import type { ClusterJob } from '../../shared/cluster/clusterJob.js';
import type { ClusterJobStore } from './clusterJobStore.js';

interface Row {
  run_id: number;
  profile: string;
  job_id: string;
  task_index: number;
  job_dir: string;
  state: string | null;
  reason: string | null;
  submitted_at: string;
}

/** Cluster submissions in the `run_cluster_jobs` table (migration 012); deleted with their run. */
export class SqliteClusterJobStore implements ClusterJobStore {
  constructor(private readonly db: Database) {}

  put(job: ClusterJob): void {
    this.db
      .prepare(
        `INSERT INTO run_cluster_jobs (run_id, profile, job_id, task_index, job_dir, state, reason, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET profile = excluded.profile, job_id = excluded.job_id, task_index = excluded.task_index,
           job_dir = excluded.job_dir, state = excluded.state, reason = excluded.reason, submitted_at = excluded.submitted_at`,
      )
      .run(job.runId, job.profile, job.jobId, job.taskIndex, job.jobDir, job.state, job.reason, job.submittedAt);
  }

  setState(runId: number, state: string, reason: string | null): void {
    this.db.prepare(`UPDATE run_cluster_jobs SET state = ?, reason = ? WHERE run_id = ?`).run(state, reason, runId);
  }

  get(runId: number): ClusterJob | undefined {
    const row = this.db.prepare(`SELECT * FROM run_cluster_jobs WHERE run_id = ?`).get(runId) as Row | undefined;
    return row && toJob(row);
  }

  getMany(runIds: readonly number[]): ClusterJob[] {
    if (runIds.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM run_cluster_jobs WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id`).all(JSON.stringify(runIds)) as Row[];
    return rows.map(toJob);
  }
}

function toJob(row: Row): ClusterJob {
  return {
    runId: row.run_id,
    profile: row.profile,
    jobId: row.job_id,
    taskIndex: row.task_index,
    jobDir: row.job_dir,
    state: row.state,
    reason: row.reason,
    submittedAt: row.submitted_at,
  };
}
