import { createRequire } from 'node:module';
import type { DatasetInfo, SystemInfo } from '../../shared/api/contract.js';
import type { BackendInfo } from '../../shared/runs/runTypes.js';
import { listDatasets } from '../data/listDatasets.js';
import { loadFastCpuKernels } from '../training/backend/fastCpuKernels.js';
import { selectBackend } from '../training/backend/selectBackend.js';

const require = createRequire(import.meta.url);
const appVersion = (require('../../package.json') as { version: string }).version;

/** Facts about this installation: version, paths, and the backend new runs will train on. */
export class SystemService {
  private backend: Promise<BackendInfo> | undefined;

  constructor(private readonly options: { dbPath: string; dataDir: string; mode: SystemInfo['mode'] }) {}

  async getSystemInfo(): Promise<SystemInfo> {
    // Probed once, the same way a training process chooses (for a model without convolutions).
    this.backend ??= selectBackend({ convolutions: false }, loadFastCpuKernels);
    return { appVersion, backend: await this.backend, dbPath: this.options.dbPath, dataDir: this.options.dataDir, mode: this.options.mode };
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return listDatasets(this.options.dataDir);
  }
}
