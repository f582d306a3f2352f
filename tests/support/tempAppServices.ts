import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../main/app/createAppServices.js';
import { runConfigSchema, type RunConfigInput } from '../../shared/config/runConfig.js';
import type { RunSummary } from '../../shared/runs/runTypes.js';

/** App services open for a suite's tests, with the data folder they read datasets from. */
export interface SuiteAppServices extends Omit<AppServices, 'close' | 'lock' | 'recover' | 'reports' | 'refuseReports'> {
  readonly dataDir: string;
}

/**
 * The real app services (SQLite store, run queue, training processes) on a database in a fresh temp folder
 * (`optlab-<name>-…`, its data folder `data/` inside), open for the tests of the enclosing suite: created
 * before them, closed after them and the folder removed. Its members are the opened services'.
 */
export function appServicesForSuite(name: string, options: Partial<Pick<AppServicesOptions, 'launcher' | 'concurrency'>> = {}): SuiteAppServices {
  let dir: string | undefined;
  let services: AppServices | undefined;
  const opened = (): AppServices => {
    if (!services) throw new Error('The app services are open only during the suite’s tests');
    return services;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), `optlab-${name}-`));
    services = createAppServices({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true, ...options });
  });
  after(async () => {
    await services?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dataDir() {
      if (!dir) throw new Error('The data folder exists only during the suite’s tests');
      return path.join(dir, 'data');
    },
    get handlers() {
      return opened().handlers;
    },
    get runs() {
      return opened().runs;
    },
    get experiments() {
      return opened().experiments;
    },
    onEvent: (listener) => opened().onEvent(listener),
  };
}

/** Creates a run of `config` (parsed as the API would) and resolves with it once it has ended, however it ended. */
export async function trainToEnd(services: Pick<AppServices, 'handlers' | 'runs'>, config: RunConfigInput): Promise<RunSummary> {
  const run = await services.handlers.createRun({ config: runConfigSchema.parse(config) });
  return services.runs.waitForRun(run.id);
}
