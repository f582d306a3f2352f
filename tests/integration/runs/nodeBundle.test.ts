import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildNodeBundle, nodeBundleFreshness, readyNodeBundle, type NodeBundle } from '../../../main/runs/nodeBundle.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-bundle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const bundle: NodeBundle = { entry: path.join(dir, 'program.ts'), outfile: path.join(dir, 'out', 'program.cjs'), rootDir: dir };
const dependency = path.join(dir, 'greeting.ts');
const runBundle = () => execFileSync(process.execPath, [bundle.outfile], { encoding: 'utf8' }).trim();

writeFileSync(bundle.entry, "import { greeting } from './greeting.js';\nconst text: string = greeting;\nconsole.log(text);\n");
writeFileSync(dependency, "export const greeting = 'one';\n");

test('a bundle is missing until built, then fresh, and runs its program', () => {
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: false, reason: `${bundle.outfile} does not exist` });
  buildNodeBundle(bundle);
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: true });
  assert.equal(runBundle(), 'one');
  const manifest = JSON.parse(readFileSync(`${bundle.outfile}.inputs.json`, 'utf8')) as { inputs: { path: string }[] };
  assert.deepEqual(manifest.inputs.map((input) => input.path).sort(), ['greeting.ts', 'program.ts']);
});

test('a changed input makes the bundle stale, and readying it rebuilds it from the new source', () => {
  buildNodeBundle(bundle);
  // A new modification time with the same content (a checkout) is not a change.
  utimesSync(dependency, new Date(), new Date(Date.now() + 5000));
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: true });
  // The same size, another content.
  writeFileSync(dependency, "export const greeting = 'two';\n");
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: false, reason: 'its input greeting.ts changed' });
  assert.equal(runBundle(), 'one', 'the stale bundle still holds the old program');
  assert.deepEqual(readyNodeBundle(bundle), { ok: true, rebuiltBecause: 'its input greeting.ts changed' });
  assert.equal(runBundle(), 'two');
  assert.deepEqual(readyNodeBundle(bundle), { ok: true }, 'a fresh bundle is not rebuilt');
});

test('a removed input, a damaged list of inputs or a failing build is reported, never thrown', () => {
  buildNodeBundle(bundle);
  const manifestFile = `${bundle.outfile}.inputs.json`;
  const manifest = readFileSync(manifestFile, 'utf8');
  writeFileSync(manifestFile, manifest.replace('"fingerprint":"', '"fingerprint":"x'));
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: false, reason: 'it was built by another bundler version or with other options' });
  writeFileSync(manifestFile, manifest.replace('"inputs"', '"unknown":1,"inputs"'));
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: false, reason: `its list of inputs ${manifestFile} cannot be read` });
  unlinkSync(manifestFile);
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: false, reason: `its list of inputs ${manifestFile} does not exist` });

  buildNodeBundle(bundle);
  unlinkSync(dependency);
  assert.deepEqual(nodeBundleFreshness(bundle), { fresh: false, reason: 'its input greeting.ts no longer exists' });
  const ready = readyNodeBundle(bundle);
  assert.equal(ready.ok, false);
  assert.match(ready.ok ? '' : ready.reason, /^its input greeting\.ts no longer exists, and bundling it failed: .*Could not resolve "\.\/greeting\.js"/s);
});
