/**
 * `npm run bench`: every benchmark of the project, one after the other, each in its own process so
 * one's backend choice or memory does not colour the next. Arguments after `--` go to each bench
 * (e.g. `npm run bench -- --peer` also runs the PyTorch peer where a bench supports it).
 * `npm run bench -- --only trainThroughput` runs one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const benches = ['trainThroughput', 'stepProfile', 'optimizerStep', 'epsilonCapture', 'storeIngest', 'storeLayouts', 'ingestWhileTraining', 'uiRuns', 'uiCompare', 'trainingStart', 'webgpuTransformerOps'];
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args.splice(onlyIndex, 2)[1] : undefined;
let failed = false;
for (const name of benches) {
  if (only && name !== only) continue;
  const file = path.join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
