import { createRequire } from 'node:module';
import type { DatasetInfo, SystemInfo } from '../../shared/api/contract.js';
import type { BackendInfo } from '../../shared/runs/runTypes.js';
import { listDatasets } from '../data/listDatasets.js';
import { probeBackendInChildProcess } from './backendProbe.js';

const require = createRequire(import.meta.url);
const appVersion = (require('../../package.json') as { version: string }).version;

/** Facts about this installation: version, paths, and the backend new runs will train on. */
export class SystemService {
  private backend: Promise<BackendInfo> | undefined;

  constructor(
    private readonly options: {
      dbPath: string;
      dataDir: string;
      mode: SystemInfo['mode'];
      /** Chooses a backend as a training process would, in a process of its own; a child process by default. */
      probeBackend?: () => Promise<BackendInfo>;
    },
  ) {}

  async getSystemInfo(): Promise<SystemInfo> {
    // Probed once, the same way a training process chooses (for a model without convolutions), in a
    // process of its own so GPU drivers never load into the app's.
    this.backend ??= (this.options.probeBackend ?? probeBackendInChildProcess)().catch(
      (error: unknown): BackendInfo => ({
        backend: 'unknown',
        device: 'the backend probe failed',
        unavailable: [`probe: ${error instanceof Error ? error.message : String(error)}`],
        versions: {},
      }),
    );
    return { appVersion, backend: await this.backend, dbPath: this.options.dbPath, dataDir: this.options.dataDir, mode: this.options.mode };
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return listDatasets(this.options.dataDir);
  }
}
