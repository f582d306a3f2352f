import { dirname, join } from 'node:path';

/** Where checkpoints live: `<db folder>/checkpoints`. */
export function checkpointRootFor(dbPath: string): string {
  return join(dirname(dbPath), 'checkpoints');
}

/** A run's checkpoint folder under the root. */
export function runCheckpointDir(root: string, runId: number): string {
  return join(root, `run-${runId}`);
}

/** The manifest file in a run's checkpoint folder; its binary file sits beside it. */
export const manifestFileName = 'checkpoint.json';
