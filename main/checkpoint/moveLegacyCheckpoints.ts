import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { RunStore } from '../store/runStore.js';
import { readCheckpointManifest } from './checkpointFile.js';
import { checkpointRootFor, legacyCheckpointRootFor, runCheckpointDir } from './checkpointPaths.js';
import { configHash } from './configHash.js';

/**
 * Moves the checkpoints of this database's runs from the folder every database in its folder used
 * to share (`checkpoints/run-<id>`) to its own (`<db file>-checkpoints/run-<id>`). A folder is
 * moved only when its manifest was written for the run's own config: the same run id of another
 * database in the folder keeps its checkpoint. Returns how many were moved.
 */
export function moveLegacyCheckpoints(store: RunStore, dbPath: string): number {
  const legacyRoot = legacyCheckpointRootFor(dbPath);
  if (!existsSync(legacyRoot)) return 0;
  const root = checkpointRootFor(dbPath);
  let moved = 0;
  for (const run of store.listRuns()) {
    if (!run.checkpoint) continue;
    const legacyDir = runCheckpointDir(legacyRoot, run.id);
    const inside = relative(legacyDir, run.checkpoint.path);
    if (inside.startsWith('..') || inside.includes(sep) || !existsSync(legacyDir)) continue;
    try {
      if (readCheckpointManifest(run.checkpoint.path).configHash !== configHash(run.config)) continue;
    } catch {
      continue; // Unreadable: left where it is; resuming says why.
    }
    const dir = runCheckpointDir(root, run.id);
    if (existsSync(dir)) continue;
    mkdirSync(root, { recursive: true });
    renameSync(legacyDir, dir);
    store.updateRun(run.id, { checkpoint: { ...run.checkpoint, path: join(dir, basename(run.checkpoint.path)) } });
    moved++;
  }
  return moved;
}
