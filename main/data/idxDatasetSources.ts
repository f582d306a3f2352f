import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** An IDX dataset (main/data/kinds/fashionMnist.ts, mnist.ts): its title, class names and where its files may be. */
export interface IdxDatasetSource {
  kind: 'fashion-mnist' | 'mnist';
  title: string;
  classes: string[];
  /** Folder name under the app's data folder. */
  folder: string;
  /** System-wide copies: folders under the system datasets folder (`systemDatasetsDir()`; Debian's dataset-fashion-mnist package). */
  systemFolders: string[];
  /** The small subset shipped with the app, if any. */
  bundledFolder?: string;
}

/**
 * Where system-wide dataset packages put their files: `OPTLAB_SYSTEM_DATASETS_DIR` when set (another
 * system's layout, or an empty folder to see the app without them), else Debian's `/usr/share/datasets`.
 */
export function systemDatasetsDir(): string {
  return process.env.OPTLAB_SYSTEM_DATASETS_DIR || '/usr/share/datasets';
}

/**
 * The app's `data/` folder (bundled datasets): `OPTLAB_BUNDLED_DATA_DIR` when set, else the nearest
 * `data/` above this module holding a bundled subset (main/data/ in the sources, dist/electron/ in a
 * build, both inside the app root).
 */
export function defaultBundledDataDir(): string {
  const fromEnv = process.env.OPTLAB_BUNDLED_DATA_DIR;
  if (fromEnv) return fromEnv;
  const here = path.dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data');
    if (existsSync(path.join(candidate, 'fashion-mnist-subset'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(here, '..', '..', 'data');
}

/** The four files of an IDX dataset; each may be raw or gzipped, with either common spelling. */
export const idxFileRoles = {
  trainImages: ['train-images-idx3-ubyte', 'train-images.idx3-ubyte'],
  trainLabels: ['train-labels-idx1-ubyte', 'train-labels.idx1-ubyte'],
  testImages: ['t10k-images-idx3-ubyte', 't10k-images.idx3-ubyte'],
  testLabels: ['t10k-labels-idx1-ubyte', 't10k-labels.idx1-ubyte'],
} as const;

export type IdxFileRole = keyof typeof idxFileRoles;
