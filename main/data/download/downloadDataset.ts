import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { x as extractTar } from 'tar';
import { downloadFile, type DownloadProgress } from './downloadFile.js';
import type { PublicDataset } from './publicDatasets.js';

export interface DatasetDownloadProgress extends DownloadProgress {
  kind: string;
  file: string;
  /** 1-based index of the file and how many there are. */
  fileIndex: number;
  fileCount: number;
  phase: 'downloading' | 'unpacking' | 'done';
}

/**
 * Downloads every file of a public dataset into the data folder (`<dataDir>/<folder>/`), each checked
 * against its published checksum; archives are unpacked into the data folder and then removed.
 * `baseUrl` replaces the official address (a mirror, or a local server in tests).
 */
export async function downloadDataset(options: {
  kind: string;
  dataset: PublicDataset;
  dataDir: string;
  baseUrl?: string;
  onProgress?: (progress: DatasetDownloadProgress) => void;
  signal?: AbortSignal;
}): Promise<{ folder: string }> {
  const { dataset, dataDir } = options;
  const baseUrl = (options.baseUrl ?? dataset.baseUrl).replace(/\/+$/, '');
  const folder = path.join(dataDir, dataset.folder);
  const downloads = dataset.unpack ? path.join(dataDir, '.downloads') : folder;
  await mkdir(downloads, { recursive: true });
  const fileCount = dataset.files.length;
  for (const [i, file] of dataset.files.entries()) {
    const report = (progress: DownloadProgress, phase: DatasetDownloadProgress['phase']) =>
      options.onProgress?.({ ...progress, kind: options.kind, file: file.name, fileIndex: i + 1, fileCount, phase });
    const target = path.join(downloads, file.name);
    await downloadFile({
      url: `${baseUrl}/${encodeURIComponent(file.name)}`,
      target,
      checksum: file.checksum,
      signal: options.signal,
      onProgress: (p) => report(p, 'downloading'),
    });
    if (dataset.unpack) {
      report({ received: 0, total: null }, 'unpacking');
      await extractTar({ file: target, cwd: dataDir });
      await unlink(target);
    }
  }
  options.onProgress?.({ kind: options.kind, file: '', fileIndex: fileCount, fileCount, phase: 'done', received: 0, total: null });
  return { folder };
}
