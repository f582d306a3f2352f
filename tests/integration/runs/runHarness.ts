import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ChildProcessLauncher, type ChildProcessLauncherOptions } from '../../../main/runs/childProcessLauncher.js';
import { RunService, type RunServiceOptions } from '../../../main/runs/runService.js';
import type { TrainerHandle, TrainerLauncher } from '../../../main/runs/trainerLauncher.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';

export type FixtureName = 'completingTrainer' | 'hangingTrainer' | 'stubbornTrainer' | 'selfKillingTrainer' | 'crashingTrainer' | 'invalidMessageTrainer' | 'memoryHungryTrainer' | 'lingeringTrainer';

export function fixturePath(name: FixtureName): string {
  return fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
}

/**
 * Launches real test trainer processes: the n-th launch runs the n-th program of `programs` (the last
 * one again when there are more launches). Counts the processes alive, and the most at one time.
 */
export class FixtureLauncher implements TrainerLauncher {
  launched = 0;
  alive = 0;
  maxAlive = 0;

  constructor(
    private readonly programs: FixtureName[],
    private readonly options: Omit<ChildProcessLauncherOptions, 'entry'> = {},
  ) {}

  launch(): TrainerHandle {
    const name = this.programs[Math.min(this.launched, this.programs.length - 1)];
    this.launched++;
    const handle = new ChildProcessLauncher({ ...this.options, entry: fixturePath(name) }).launch();
    this.alive++;
    this.maxAlive = Math.max(this.maxAlive, this.alive);
    handle.onExit(() => this.alive--);
    return handle;
  }
}

/** A temp folder with a real database file; `remove()` deletes it. */
export function tempDb(): { dbPath: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-runs-'));
  return { dbPath: path.join(dir, 'optlab.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openService(dbPath: string, launcher: TrainerLauncher, options: Partial<RunServiceOptions> = {}) {
  const store = SqliteRunStore.open(dbPath);
  const events: ApiEvent[] = [];
  const service = new RunService({ store, launcher, dataDir: path.dirname(dbPath), cancelGraceMs: 500, ...options });
  service.onEvent((event) => events.push(event));
  return {
    store,
    service,
    events,
    async close() {
      await service.shutdown();
      store.close();
    },
  };
}

/**
 * A fresh database for each test of the enclosing suite (or file), removed after the test; the service
 * `openService` opens on it is shut down and its store closed after the test too.
 */
export function databasePerTest() {
  let db: ReturnType<typeof tempDb> | undefined;
  let opened: ReturnType<typeof openService> | undefined;
  const current = () => {
    if (!db) throw new Error('The database exists only during a test');
    return db;
  };
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
    db?.remove();
  });
  return {
    get dbPath() {
      return current().dbPath;
    },
    openService(launcher: TrainerLauncher, options: Partial<RunServiceOptions> = {}) {
      opened = openService(current().dbPath, launcher, options);
      return opened;
    },
  };
}

/** Resolves with the run once `predicate` holds for it (checked now and at every update). */
export function waitForRun(service: RunService, id: number, predicate: (run: RunSummary) => boolean): Promise<RunSummary> {
  return new Promise((resolve, reject) => {
    const check = (run: RunSummary) => {
      if (!predicate(run)) return false;
      unsubscribe();
      resolve(run);
      return true;
    };
    const unsubscribe = service.onEvent((event) => {
      if (event.type === 'run-updated' && event.run.id === id) check(event.run);
    });
    service.getRun({ id }).then(check, reject);
  });
}

/** A training process has said it started (its backend is recorded). */
export const hasStarted = (run: RunSummary) => run.status === 'running' && run.backend !== null;
