// Electron's own install step downloads its binary, which fails on machines without internet access;
// Electron is therefore an optional dependency. Its type declarations are still needed to type-check
// the Electron shell, so when the package is missing they are taken from the same version's package
// tarball in the npm registry (types only, no binary) into types/electron/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'types', 'electron', 'index.d.ts');
const installed = join(root, 'node_modules', 'electron', 'electron.d.ts');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies.electron;

mkdirSync(dirname(target), { recursive: true });
if (existsSync(installed)) {
  copyFileSync(installed, target);
  process.exit(0);
}
if (existsSync(target)) process.exit(0);
const work = mkdtempSync(join(tmpdir(), 'optlab-electron-types-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const file = execFileSync(npm, ['pack', `electron@${version}`, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', file, 'package/electron.d.ts'], { cwd: work });
  copyFileSync(join(work, 'package', 'electron.d.ts'), target);
  console.log(`optlab: Electron ${version} is not installed (its binary could not be downloaded); using its type declarations only.`);
} catch (error) {
  console.warn(`optlab: could not fetch Electron type declarations (${error.message}); the Electron shell will not type-check.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
