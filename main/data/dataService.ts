import type { ApiParsedInput, DataSettingsView, DatasetInfo, DatasetSamples, DownloadProgressEvent } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/apiError.js';
import { importDataset, readDataSettings, writeDataSettings } from './dataFolder.js';
import { bundledPresets } from './bundledDatasets.js';
import { downloadDataset } from './download/downloadDataset.js';
import { datasetKindDefinition } from '../../shared/ml/data/datasetKindRegistry.js';
import { datasetKindData, isDatasetKind } from './datasetKindDataRegistry.js';
import { sampleDataset } from './sampleDataset.js';

/** The Data page's services: datasets with their presets, samples, and downloads with progress events. */
export class DataService {
  readonly #listeners = new Set<(progress: DownloadProgressEvent) => void>();
  readonly #running = new Map<string, Promise<{ folder: string }>>();

  constructor(
    private readonly options: {
      dataDir: string;
      listDatasets: () => Promise<DatasetInfo[]>;
      bundledDataDir?: string;
      /** Where the data folder setting is kept; without it the folder cannot be changed. */
      settingsFile?: string;
      /** Why the settings file was not used at start. */
      settingsProblem?: string;
    },
  ) {}

  onProgress(listener: (progress: DownloadProgressEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    const presets = bundledPresets();
    return (await this.options.listDatasets()).map((d) => ({
      ...d,
      ...(presets[d.kind] ? { presets: presets[d.kind] } : {}),
      ...(isDatasetKind(d.kind) && datasetKindData(d.kind).download ? { downloadable: true } : {}),
    }));
  }

  getDatasetSamples(input: ApiParsedInput<'getDatasetSamples'>): Promise<DatasetSamples> {
    return sampleDataset(input.dataset, this.options.dataDir, input.count, { bundledDataDir: this.options.bundledDataDir });
  }

  /** One download per dataset at a time: a second call while one runs waits for the same one. */
  downloadDataset(input: ApiParsedInput<'downloadDataset'>): Promise<{ folder: string }> {
    const dataset = datasetKindData(input.kind).download;
    if (!dataset) {
      const message = `${datasetKindDefinition(input.kind).title} cannot be downloaded (give its path in the run's config)`;
      return Promise.reject(new ApiError(message, 'invalid-input', [{ path: 'kind', message }]));
    }
    const running = this.#running.get(input.kind);
    if (running) return running;
    const emit = (progress: DownloadProgressEvent) => this.#listeners.forEach((l) => l(progress));
    const download = downloadDataset({ kind: input.kind, dataset, dataDir: this.options.dataDir, baseUrl: input.baseUrl, onProgress: emit })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        emit({ kind: input.kind, file: '', fileIndex: 0, fileCount: 0, phase: 'failed', received: 0, total: null, message });
        throw error;
      })
      .finally(() => this.#running.delete(input.kind));
    this.#running.set(input.kind, download);
    return download;
  }

  async getDataSettings(): Promise<DataSettingsView> {
    const file = this.options.settingsFile;
    const stored = file ? readDataSettings(file) : { settings: {} };
    const configured = stored.settings.dataDir ?? null;
    return {
      dataDir: this.options.dataDir,
      configured,
      restartNeeded: configured !== null && configured !== this.options.dataDir,
      settingsFile: file ?? '',
      problem: stored.problem ?? this.options.settingsProblem ?? null,
    };
  }

  async setDataFolder(input: ApiParsedInput<'setDataFolder'>): Promise<DataSettingsView> {
    const file = this.options.settingsFile;
    if (!file) throw new ApiError('This session has no settings file; start it with a database to change the data folder', 'conflict');
    try {
      await writeDataSettings(file, input.dataDir === null ? {} : { dataDir: input.dataDir });
    } catch (error) {
      const issues = (error as { issues?: { message: string }[] }).issues;
      const message = issues ? issues.map((i) => i.message).join('; ') : (error as Error).message;
      throw new ApiError(`data folder: ${message}`, 'invalid-input', [{ path: 'dataDir', message }]);
    }
    return this.getDataSettings();
  }

  importDataset(input: ApiParsedInput<'importDataset'>): Promise<{ folder: string; files: string[] }> {
    const emit = (progress: DownloadProgressEvent) => this.#listeners.forEach((l) => l(progress));
    return importDataset({ kind: input.kind, from: input.from, dataDir: this.options.dataDir, onProgress: emit }).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      emit({ kind: input.kind, file: '', fileIndex: 0, fileCount: 0, phase: 'failed', received: 0, total: null, message });
      throw new ApiError(message, 'invalid-input', [{ path: 'from', message }]);
    });
  }
}
