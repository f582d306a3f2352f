import os from 'node:os';
import path from 'node:path';

/** Where datasets live: `--data-dir`, else `OPTLAB_DATA_DIR`, else `~/.optlab/data`. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string {
  return path.resolve(flag ?? env.OPTLAB_DATA_DIR ?? path.join(homeDir, '.optlab', 'data'));
}
