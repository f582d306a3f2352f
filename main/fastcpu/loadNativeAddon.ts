import { createRequire } from 'node:module';
import type { NativeAddon } from './nativeAddon.js';

export type NativeAddonLoad = { ok: true; addon: NativeAddon } | { ok: false; reason: string };

const REQUIRED = ['gemm', 'im2col', 'col2im', 'maxPool', 'maxPoolGrad', 'binary', 'unary', 'reduceMiddle', 'tile'] as const;

let cached: NativeAddonLoad | undefined;

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Loads the `optlab-native` addon (an optional dependency built from `native/` on install), or from
 * the source tree when the package link is missing. Never throws: on failure says why.
 */
export function loadNativeAddon(): NativeAddonLoad {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const reasons: string[] = [];
  for (const specifier of ['optlab-native', '../../native/index.cjs']) {
    try {
      const addon = require(specifier) as Partial<NativeAddon>;
      const missing = REQUIRED.filter((name) => typeof addon[name] !== 'function');
      if (missing.length > 0) {
        reasons.push(`${specifier}: missing functions ${missing.join(', ')} (rebuild: cd native && npx node-gyp rebuild)`);
        continue;
      }
      cached = { ok: true, addon: addon as NativeAddon };
      return cached;
    } catch (error) {
      const reason = describe(error);
      if (!reasons.some((r) => r.endsWith(reason))) reasons.push(`${specifier}: ${reason}`);
    }
  }
  cached = {
    ok: false,
    reason:
      `native kernels not built: ${reasons.join('; ')}. ` +
      'Building them needs a C++ compiler and OpenBLAS (apt-get install g++ make libopenblas-dev), then npm install again.',
  };
  return cached;
}
