import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';

/** Who holds a database: written beside it while the lock is held, for the message another process shows. */
export const databaseOwnerSchema = z.object({
  pid: z.number().int(),
  /** What holds it, in words: `optlab serve`, `the desktop app`, `optlab run`. */
  program: z.string(),
  startedAt: z.string(),
  /** Where browser mode serves the app, once its port is bound. */
  url: z.string().optional(),
});
export type DatabaseOwner = z.infer<typeof databaseOwnerSchema>;

/** Refused: another process owns the database; the message names it. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dbPath: string,
    readonly owner: DatabaseOwner | null,
  ) {
    super(
      `The database ${dbPath} is in use by ${owner ? describeOwner(owner) : 'another process (it did not say which)'}: ` +
        'one process at a time may write to a database. Stop that one first, or work in it' +
        (owner?.url ? ` (${owner.url.replace(/\?token=.*$/, '')})` : '') +
        ', or give this one another database with --db.',
    );
    this.name = 'DatabaseInUseError';
  }
}

export interface DatabaseLock {
  readonly owner: DatabaseOwner;
  /** Adds to what the lock says about its owner (say, the URL once the port is bound). */
  update(fields: Partial<Pick<DatabaseOwner, 'url'>>): void;
  release(): void;
}

/** The lock file (an SQLite file held in exclusive locking mode) and the owner note beside a database. */
export function lockPathsFor(dbPath: string): { lockFile: string; ownerFile: string } {
  return { lockFile: `${dbPath}.lock`, ownerFile: `${dbPath}.owner.json` };
}

/**
 * Takes the exclusive ownership of a database for this process, before anything reads or changes its
 * runs. The lock is SQLite's own (an exclusive lock on `<db>.lock`, held for the life of the
 * connection), so the operating system drops it when the process ends, however it ends: a lock
 * left by a killed process is never in the way. Throws `DatabaseInUseError` naming the holder
 * (from `<db>.owner.json`) when another process — or another part of this one — holds it.
 */
export function acquireDatabaseLock(dbPath: string, program: string): DatabaseLock {
  const { lockFile, ownerFile } = lockPathsFor(dbPath);
  mkdirSync(path.dirname(dbPath), { recursive: true });
  const lockDb = new BetterSqlite3(lockFile, { timeout: 0 });
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    lockDb.exec('BEGIN EXCLUSIVE');
    lockDb.exec('CREATE TABLE IF NOT EXISTS held (at TEXT)');
    lockDb.prepare('INSERT INTO held (at) VALUES (?)').run(new Date().toISOString());
    lockDb.exec('DELETE FROM held');
    lockDb.exec('COMMIT');
  } catch (error) {
    lockDb.close();
    if (isBusy(error)) throw new DatabaseInUseError(dbPath, readOwner(ownerFile));
    throw error;
  }
  let owner: DatabaseOwner = { pid: process.pid, program, startedAt: new Date().toISOString() };
  const writeOwner = () => {
    const temp = `${ownerFile}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, ownerFile);
  };
  writeOwner();
  let released = false;
  return {
    get owner() {
      return owner;
    },
    update(fields) {
      if (released) return;
      owner = { ...owner, ...fields };
      writeOwner();
    },
    release() {
      if (released) return;
      released = true;
      if (readOwner(ownerFile)?.pid === process.pid) rmSync(ownerFile, { force: true });
      lockDb.close();
    },
  };
}

/** Who holds the database, when a note says so (null when there is none or it cannot be read). */
export function readOwner(ownerFile: string): DatabaseOwner | null {
  try {
    const parsed = databaseOwnerSchema.safeParse(JSON.parse(readFileSync(ownerFile, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function describeOwner(owner: DatabaseOwner): string {
  return `${owner.program} (pid ${owner.pid}${owner.url ? `, serving ${owner.url.replace(/\?token=.*$/, '')}` : ''}, since ${owner.startedAt})`;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
