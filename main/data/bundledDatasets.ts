import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { DatasetPreset } from '../../shared/api/contract.js';

/** The repository's `data/` folder (bundled subsets and texts). */
export function bundledDataFolder(): string {
  return fileURLToPath(new URL('../../data/', import.meta.url));
}

/** Ready-made configs of bundled data, offered by kind so nobody has to type their path. */
export function bundledPresets(dataFolder = bundledDataFolder()): Record<string, DatasetPreset[]> {
  return {
    'text-lm': [
      {
        label: 'Bundled: US founding texts (public domain, char level)',
        config: { path: path.join(dataFolder, 'text', 'us-founding-texts.txt'), level: 'char', seqLength: 32 },
      },
    ],
  };
}
