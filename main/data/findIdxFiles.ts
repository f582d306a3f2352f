import { access } from 'node:fs/promises';
import path from 'node:path';
import { defaultBundledDataDir, idxFileRoles, systemDatasetsDir, type IdxDatasetSource, type IdxFileRole } from './idxDatasetSources.js';

export type IdxFiles = Record<IdxFileRole, string>;

export interface IdxLocation {
  dir: string;
  files: IdxFiles;
  /** 'data folder', 'system' or 'bundled subset'. */
  origin: 'data folder' | 'system' | 'bundled subset';
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The four files in `dir` (raw or .gz), or the names of the ones missing. */
export async function idxFilesIn(dir: string): Promise<{ files: IdxFiles } | { missing: string[] }> {
  const files: Partial<IdxFiles> = {};
  const missing: string[] = [];
  for (const role of Object.keys(idxFileRoles) as IdxFileRole[]) {
    let found: string | undefined;
    for (const name of idxFileRoles[role]) {
      for (const candidate of [name, `${name}.gz`]) {
        const file = path.join(dir, candidate);
        if (await exists(file)) {
          found = file;
          break;
        }
      }
      if (found) break;
    }
    if (found) files[role] = found;
    else missing.push(idxFileRoles[role][0] + '[.gz]');
  }
  return missing.length === 0 ? { files: files as IdxFiles } : { missing };
}

/** Candidate folders in search order: the data folder, system copies, then the bundled subset. */
export function idxSearchDirs(
  source: IdxDatasetSource,
  dataDir: string,
  bundledDataDir = defaultBundledDataDir(),
): Array<{ dir: string; origin: IdxLocation['origin'] }> {
  const dirs: Array<{ dir: string; origin: IdxLocation['origin'] }> = [
    { dir: path.join(dataDir, source.folder), origin: 'data folder' },
  ];
  for (const folder of source.systemFolders) dirs.push({ dir: path.join(systemDatasetsDir(), folder), origin: 'system' });
  if (source.bundledFolder) dirs.push({ dir: path.join(bundledDataDir, source.bundledFolder), origin: 'bundled subset' });
  return dirs;
}

/**
 * The first folder (in search order) holding all four files, or a message listing where it looked.
 * A folder holding only some of the files is reported, since that is probably a failed copy.
 */
export async function findIdxFiles(
  source: IdxDatasetSource,
  dataDir: string,
  bundledDataDir?: string,
): Promise<IdxLocation | { notFound: string }> {
  const notes: string[] = [];
  for (const { dir, origin } of idxSearchDirs(source, dataDir, bundledDataDir)) {
    const result = await idxFilesIn(dir);
    if ('files' in result) return { dir, files: result.files, origin };
    if (result.missing.length < 4) notes.push(`${dir} lacks ${result.missing.join(', ')}`);
    else notes.push(`${dir} (no files)`);
  }
  return { notFound: `${source.title} not found; looked in ${notes.join('; ')}` };
}
