// Runs the test files under tests/ (or under the folders given as arguments) with Node's test
// runner through tsx. Node 20's runner does not expand globs itself, hence this list.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['tests'];
const files = roots
  .flatMap((root) => (root.endsWith('.test.ts') ? [root] : readdirSync(root, { recursive: true }).map((f) => path.join(root, String(f)))))
  .filter((file) => file.endsWith('.test.ts') && !file.split(path.sep).includes('fixtures'))
  .sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
// The tfjs gradient bundle is generated, not committed (scripts/bundleTfjsGradients.mjs).
const generated = spawnSync(process.execPath, [path.join(import.meta.dirname, 'bundleTfjsGradients.mjs'), '--if-stale'], { stdio: 'inherit' });
if (generated.status !== 0) process.exit(generated.status ?? 1);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
