import type { ApiParsedInput, DatasetInfo, DatasetSamples, DownloadProgressEvent } from '../../shared/api/contract.js';
import { bundledPresets } from './bundledDatasets.js';
import { downloadDataset } from './download/downloadDataset.js';
import { isPublicDatasetKind, publicDatasets } from './download/publicDatasets.js';
import { sampleDataset } from './sampleDataset.js';

/** The Data page's services: datasets with their presets, samples, and downloads with progress events. */
export class DataService {
  readonly #listeners = new Set<(progress: DownloadProgressEvent) => void>();
  readonly #running = new Map<string, Promise<{ folder: string }>>();

  constructor(private readonly options: { dataDir: string; listDatasets: () => Promise<DatasetInfo[]>; bundledDataDir?: string }) {}

  onProgress(listener: (progress: DownloadProgressEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    const presets = bundledPresets();
    return (await this.options.listDatasets()).map((d) => ({
      ...d,
      ...(presets[d.kind] ? { presets: presets[d.kind] } : {}),
      ...(isPublicDatasetKind(d.kind) ? { downloadable: true } : {}),
    }));
  }

  getDatasetSamples(input: ApiParsedInput<'getDatasetSamples'>): Promise<DatasetSamples> {
    return sampleDataset(input.dataset, this.options.dataDir, input.count, { bundledDataDir: this.options.bundledDataDir });
  }

  /** One download per dataset at a time: a second call while one runs waits for the same one. */
  downloadDataset(input: ApiParsedInput<'downloadDataset'>): Promise<{ folder: string }> {
    const running = this.#running.get(input.kind);
    if (running) return running;
    const emit = (progress: DownloadProgressEvent) => this.#listeners.forEach((l) => l(progress));
    const download = downloadDataset({ dataset: publicDatasets[input.kind], dataDir: this.options.dataDir, baseUrl: input.baseUrl, onProgress: emit })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        emit({ kind: input.kind, file: '', fileIndex: 0, fileCount: 0, phase: 'failed', received: 0, total: null, message });
        throw error;
      })
      .finally(() => this.#running.delete(input.kind));
    this.#running.set(input.kind, download);
    return download;
  }
}
