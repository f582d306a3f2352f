import { stat } from 'node:fs/promises';
import path from 'node:path';

/** A configured path: absolute as given, relative ones inside the app's data folder. */
export function resolveDataPath(dataDir: string, configured: string): string {
  return path.isAbsolute(configured) ? configured : path.join(dataDir, configured);
}

export async function pathKind(target: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    const s = await stat(target);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}
