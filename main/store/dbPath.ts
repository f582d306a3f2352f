import os from 'node:os';
import path from 'node:path';

export interface DbPathSources {
  /** The `--db` command-line option, when given. */
  cliValue?: string;
  env?: Record<string, string | undefined>;
  homeDir?: string;
}

/** `~/.optlab/optlab.db`: where the database lives when nothing says otherwise (outside Electron). */
export function defaultDbPath(homeDir: string = os.homedir()): string {
  return path.join(homeDir, '.optlab', 'optlab.db');
}

/** The database path: `--db`, else `OPTLAB_DB`, else the default; relative paths resolve from the cwd. */
export function resolveDbPath(sources: DbPathSources = {}): string {
  const env = sources.env ?? process.env;
  const chosen = sources.cliValue?.trim() || env.OPTLAB_DB?.trim() || defaultDbPath(sources.homeDir);
  return chosen === ':memory:' ? chosen : path.resolve(chosen);
}
