// Bundles the Electron shell (main, preload) and the training process into CommonJS files that
// Electron can load: dist/electron/{main,preload,trainingProcess,backendProbeProcess}.cjs. Native and tfjs packages stay
// external (they are loaded from node_modules, unpacked from asar in a packaged app).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // The child-process launcher (import.meta.resolve) is not used inside Electron, which uses utility processes.
  logOverride: { 'empty-import-meta': 'silent' },
  external: ['electron', 'better-sqlite3', '@tensorflow/*', 'optlab-native', 'sirv', 'webgpu'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
await build({
  ...common,
  entryPoints: {
    main: join(root, 'main/electron-main/main.ts'),
    preload: join(root, 'main/electron-main/preload.ts'),
    trainingProcess: join(root, 'main/trainingProcess/trainingProcess.ts'),
    backendProbeProcess: join(root, 'main/backend/backendProbeProcess.ts'),
    bundleCheckWorker: join(root, 'main/experiments/bundleCheckWorker.ts'),
  },
  outdir: join(root, 'dist/electron'),
  outExtension: { '.js': '.cjs' },
});
