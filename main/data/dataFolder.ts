import { readFileSync } from 'node:fs';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DownloadProgressEvent } from '../../shared/api/contract.js';
import { DatasetLoadError } from './datasetLoadError.js';
import type { DatasetKind } from '../../shared/config/datasetConfig.js';
import { datasetKindDefinition } from '../../shared/ml/data/datasetKindRegistry.js';
import { datasetKindData } from './datasetKindDataRegistry.js';

/** The settings of the managed data folder, kept beside the database (`<db file>.settings.json`). */
export const dataSettingsSchema = z
  .object({
    /** The data folder chosen on the Data page; absent = the one given at start (flag, environment or default). */
    dataDir: z.string().trim().min(1).max(4096).refine((p) => path.isAbsolute(p), { message: 'must be an absolute path' }).optional(),
  })
  .strict();
export type DataSettings = z.infer<typeof dataSettingsSchema>;

export function dataSettingsFile(dbPath: string): string {
  return `${dbPath}.settings.json`;
}

/**
 * The stored settings (none when the file is missing), read once at start. A file that is not valid
 * is not used: its problem is returned so the Data page can show it, and the app starts anyway.
 */
export function readDataSettings(file: string): { settings: DataSettings; problem?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { settings: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { settings: {}, problem: `${file}: not JSON (${(error as Error).message})` };
  }
  const parsed = dataSettingsSchema.safeParse(json);
  if (!parsed.success) return { settings: {}, problem: `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}` };
  return { settings: parsed.data };
}

/** Validates and writes the settings (through a temporary file, so a crash leaves the old ones). */
export async function writeDataSettings(file: string, settings: DataSettings): Promise<DataSettings> {
  const valid = dataSettingsSchema.parse(settings);
  if (valid.dataDir) await mkdir(valid.dataDir, { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return valid;
}

/**
 * Copies the files of a known dataset from any folder into the data folder, where the loaders look
 * first; progress counts bytes over all files. Files already in place are replaced.
 */
export async function importDataset(options: {
  kind: DatasetKind;
  from: string;
  dataDir: string;
  onProgress?: (progress: DownloadProgressEvent) => void;
}): Promise<{ folder: string; files: string[] }> {
  const findImportFiles = datasetKindData(options.kind).findImportFiles;
  if (!findImportFiles) throw new DatasetLoadError(`${datasetKindDefinition(options.kind).title} is not imported from a folder (give its path in the run's config)`);
  const { folder, files } = await findImportFiles(path.resolve(options.from));
  const target = path.join(options.dataDir, folder);
  await mkdir(target, { recursive: true });
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  let received = 0;
  const copied: string[] = [];
  for (const [i, file] of files.entries()) {
    const base = { kind: options.kind, file: path.basename(file), fileIndex: i + 1, fileCount: files.length, total };
    options.onProgress?.({ ...base, phase: 'importing', received });
    const destination = path.join(target, path.basename(file));
    if (path.resolve(file) !== path.resolve(destination)) await copyFile(file, destination);
    received += sizes[i];
    copied.push(destination);
  }
  options.onProgress?.({ kind: options.kind, file: '', fileIndex: files.length, fileCount: files.length, phase: 'done', received, total });
  return { folder: target, files: copied };
}
