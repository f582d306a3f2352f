import { basename, dirname, join } from 'node:path';

/**
 * Where a database's checkpoints live: beside it, under its own name (`<folder>/<db file>-checkpoints`),
 * so two databases in one folder never share a run's checkpoint folder.
 */
export function checkpointRootFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}-checkpoints`);
}

/** Where checkpoints of every database in a folder used to live (`<db folder>/checkpoints`); moved at start-up. */
export function legacyCheckpointRootFor(dbPath: string): string {
  return join(dirname(dbPath), 'checkpoints');
}

/** A run's checkpoint folder under the root. */
export function runCheckpointDir(root: string, runId: number): string {
  return join(root, `run-${runId}`);
}

/** The manifest file in a run's checkpoint folder; its binary file sits beside it. */
export const manifestFileName = 'checkpoint.json';
