// Bundles the Electron shell (main, preload and its helper processes) into CommonJS files that
// Electron can load, dist/electron/{main,preload,backendProbeProcess,bundleCheckWorker}.cjs, and the
// training process into dist/trainingProcess/trainingProcess.cjs (the one bundle browser mode and
// the CLI fork too). The options are main/runs/nodeBundle.ts's. Native and tfjs packages stay
// external (they are loaded from node_modules, unpacked from asar in a packaged app).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { buildNodeBundle, nodeBundleOptions, trainingProcessBundle } = await import('../main/runs/nodeBundle.ts');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  ...nodeBundleOptions,
  logLevel: 'warning',
  entryPoints: {
    main: join(root, 'main/electron-main/main.ts'),
    preload: join(root, 'main/electron-main/preload.ts'),
    backendProbeProcess: join(root, 'main/backend/backendProbeProcess.ts'),
    bundleCheckWorker: join(root, 'main/experiments/bundleCheckWorker.ts'),
  },
  outdir: join(root, 'dist/electron'),
  outExtension: { '.js': '.cjs' },
});
buildNodeBundle(trainingProcessBundle);
