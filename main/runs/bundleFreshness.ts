import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Whether a bundled program still matches its sources. Beside the bundle lies a manifest of every
 * file esbuild read to build it (sources and bundled packages alike) with its size, modification
 * time and SHA-256, and a fingerprint of how it was built. The bundle is stale when the fingerprint
 * differs, an input is gone, or an input's content differs; an input whose modification time alone
 * changed (a checkout of the same content) is compared by its hash, so the common case costs one
 * `stat` per input.
 */
const bundleInputSchema = z.strictObject({
  /** Relative to the directory the bundle was built from. */
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const bundleManifestSchema = z.strictObject({
  /** How the bundle was built: the bundler's version and options. */
  fingerprint: z.string().min(1),
  inputs: z.array(bundleInputSchema).min(1),
});

export type BundleManifest = z.infer<typeof bundleManifestSchema>;

export type BundleFreshness = { fresh: true } | { fresh: false; reason: string };

export function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The manifest of a bundle built from `rootDir` out of `inputs` (paths relative to `rootDir`). */
export function bundleManifestOf(rootDir: string, inputs: readonly string[], fingerprint: string): BundleManifest {
  return {
    fingerprint,
    inputs: inputs.map((input) => {
      const file = path.join(rootDir, input);
      const stat = statSync(file);
      return { path: input, size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256OfFile(file) };
    }),
  };
}

/** Reads `manifestFile` and checks the bundle `bundleFile` against the inputs it lists under `rootDir`. */
export function bundleFreshness(options: { bundleFile: string; manifestFile: string; rootDir: string; fingerprint: string }): BundleFreshness {
  const { bundleFile, manifestFile, rootDir, fingerprint } = options;
  if (!existsSync(bundleFile)) return { fresh: false, reason: `${bundleFile} does not exist` };
  let manifest: BundleManifest;
  try {
    manifest = bundleManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  } catch (error) {
    const why = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return { fresh: false, reason: `its list of inputs ${manifestFile} ${why}` };
  }
  if (manifest.fingerprint !== fingerprint) return { fresh: false, reason: 'it was built by another bundler version or with other options' };
  for (const input of manifest.inputs) {
    const file = path.join(rootDir, input.path);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return { fresh: false, reason: `its input ${input.path} no longer exists` };
    }
    if (stat.size !== input.size) return { fresh: false, reason: `its input ${input.path} changed` };
    if (stat.mtimeMs !== input.mtimeMs && sha256OfFile(file) !== input.sha256) return { fresh: false, reason: `its input ${input.path} changed` };
  }
  return { fresh: true };
}
