import type * as esbuild from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFreshness, bundleManifestOf, type BundleFreshness } from './bundleFreshness.js';

/**
 * Programs of the app bundled by esbuild into one CommonJS file each, as Node and Electron load
 * them: the Electron shell's files (scripts/buildElectron.mjs) and the training process, which
 * Electron's utility processes and `child_process.fork` (browser mode, the CLI) both run from
 * dist/trainingProcess/. Native and tfjs packages stay external, loaded from node_modules.
 */

const appRoot = fileURLToPath(new URL('../../', import.meta.url));

/** esbuild's options for every Node bundle of the app. */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'silent',
  // The child-process launcher (import.meta.resolve) is not used inside Electron, which uses utility processes.
  logOverride: { 'empty-import-meta': 'silent' },
  external: ['electron', 'better-sqlite3', '@tensorflow/*', 'optlab-native', 'sirv', 'webgpu', 'esbuild'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
} satisfies esbuild.BuildOptions;

export interface NodeBundle {
  /** The program's source (TypeScript). */
  entry: string;
  /** The bundle: a CommonJS file, with its source map and its list of inputs beside it. */
  outfile: string;
  /** Where the inputs are read from; the list names them relative to it. */
  rootDir: string;
}

/** The training process (main/trainingProcess/trainingProcess.ts), bundled. */
export const trainingProcessBundle: NodeBundle = {
  entry: path.join(appRoot, 'main', 'trainingProcess', 'trainingProcess.ts'),
  outfile: path.join(appRoot, 'dist', 'trainingProcess', 'trainingProcess.cjs'),
  rootDir: appRoot,
};

function loadEsbuild(): typeof esbuild {
  return createRequire(import.meta.url)('esbuild') as typeof esbuild;
}

const manifestFileOf = (bundle: NodeBundle) => `${bundle.outfile}.inputs.json`;

function fingerprintOf(bundle: NodeBundle, version: string): string {
  return JSON.stringify({ esbuild: version, entry: path.relative(bundle.rootDir, bundle.entry), options: nodeBundleOptions });
}

/** Writes a file whole or not at all (a reader never sees half of it, concurrent writers do not mix). */
function writeFileAtomically(file: string, contents: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** Bundles `bundle.entry` into `bundle.outfile` and lists its inputs beside it. Throws esbuild's errors. */
export function buildNodeBundle(bundle: NodeBundle): void {
  const { buildSync, version } = loadEsbuild();
  const result = buildSync({ ...nodeBundleOptions, entryPoints: [bundle.entry], outfile: bundle.outfile, absWorkingDir: bundle.rootDir, write: false, metafile: true });
  mkdirSync(path.dirname(bundle.outfile), { recursive: true });
  // The source map first and the list of inputs last: a bundle is only taken as fresh once all is written.
  const outputs = [...result.outputFiles].sort((a, b) => Number(a.path === bundle.outfile) - Number(b.path === bundle.outfile));
  for (const output of outputs) writeFileAtomically(output.path, output.contents);
  const manifest = bundleManifestOf(bundle.rootDir, Object.keys(result.metafile.inputs), fingerprintOf(bundle, version));
  writeFileAtomically(manifestFileOf(bundle), `${JSON.stringify(manifest)}\n`);
}

export function nodeBundleFreshness(bundle: NodeBundle): BundleFreshness {
  return bundleFreshness({ bundleFile: bundle.outfile, manifestFile: manifestFileOf(bundle), rootDir: bundle.rootDir, fingerprint: fingerprintOf(bundle, loadEsbuild().version) });
}

export type ReadyBundle = { ok: true; rebuiltBecause?: string } | { ok: false; reason: string };

/** Makes sure `bundle.outfile` matches its sources, rebuilding it when it does not. Never throws. */
export function readyNodeBundle(bundle: NodeBundle): ReadyBundle {
  let freshness: BundleFreshness;
  try {
    freshness = nodeBundleFreshness(bundle);
    if (freshness.fresh) return { ok: true };
  } catch (error) {
    return { ok: false, reason: `its freshness could not be checked: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    buildNodeBundle(bundle);
    return { ok: true, rebuiltBecause: freshness.reason };
  } catch (error) {
    return { ok: false, reason: `${freshness.reason}, and bundling it failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
