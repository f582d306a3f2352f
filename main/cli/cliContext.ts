import { InvalidArgumentError, type Command } from 'commander';
import { resolveDataDir } from '../app/appPaths.js';
import { resolveDbPath } from '../store/dbPath.js';

export interface GlobalOptions {
  dbPath: string;
  dataDir: string;
}

/** The options every command shares, resolved against the environment. */
export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ db?: string; dataDir?: string }>();
  return { dbPath: resolveDbPath({ cliValue: options.db }), dataDir: resolveDataDir(options.dataDir) };
}

/** A whole number ≥ 1 (a count of things that must be at least one, such as runs at the same time). */
export function parsePositiveIntegerOption(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return parsed;
}

export function parseIntegerOption(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return parsed;
}
