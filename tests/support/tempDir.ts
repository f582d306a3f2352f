import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/** A fresh temp folder `optlab-<name>-…`, made now, and removed after the tests of the enclosing suite (or file). */
export function tempDirForSuite(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `optlab-${name}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
