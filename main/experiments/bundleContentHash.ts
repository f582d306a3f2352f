import { createHash } from 'node:crypto';
import type { ExperimentBundle } from '../../shared/experiments/experimentBundle.js';

/**
 * The SHA-256 of what an experiment file holds: its experiment and runs, without the time it was
 * exported or the app version that wrote it, so the same experiment exported twice is recognised.
 */
export function bundleContentHash(bundle: ExperimentBundle): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(bundle.experiment));
  for (const run of bundle.runs) hash.update(JSON.stringify(run));
  return hash.digest('hex');
}
