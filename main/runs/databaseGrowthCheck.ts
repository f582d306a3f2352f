import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError } from '../../shared/api/apiError.js';
import type { RunConfig } from '../../shared/config/runConfig.js';
import { estimateDatabaseGrowth, formatByteCount } from '../../shared/runs/resourceEstimate.js';

export interface DatabaseGrowthCheck {
  /** Refuses runs whose metric points would not fit on the database's disk; resolves with a warning above the threshold. */
  (configs: readonly RunConfig[]): Promise<string | null>;
}

/**
 * Checks what runs will add to the database (steps × metric series) against the free space of the
 * disk it is on, before they are stored: a 10¹⁰-step surface run (about 6 TB) is refused with the
 * figures, not accepted to fill the disk.
 */
export function databaseGrowthCheck(options: { dbPath: string; trainCount: (kind: string) => Promise<number>; warnAboveBytes: number }): DatabaseGrowthCheck {
  return async (configs) => {
    let bytes = 0;
    let steps = 0;
    for (const config of configs) {
      const limit = 'trainLimit' in config.dataset && typeof config.dataset.trainLimit === 'number' ? config.dataset.trainLimit : 0;
      const count = config.dataset.kind === 'surface' ? 0 : limit > 0 ? limit : await options.trainCount(config.dataset.kind);
      const growth = estimateDatabaseGrowth(config, count);
      bytes += growth.bytes;
      steps += growth.steps;
    }
    let free = Number.POSITIVE_INFINITY;
    try {
      const stats = statfsSync(dirname(options.dbPath));
      free = stats.bavail * stats.bsize;
    } catch {
      // An in-memory database, or a file system that does not say: nothing to compare with.
    }
    const what = `${configs.length === 1 ? 'The run' : `The ${configs.length} runs`} would take ${steps.toLocaleString('en-US')} steps and add about ${formatByteCount(bytes)} of metrics to the database`;
    if (bytes > free) {
      throw new ApiError(`${what}; its disk has ${formatByteCount(free)} free. Train fewer steps (epochs, steps per epoch) or fewer runs.`, 'invalid-input', [
        { path: 'training.epochs', message: `about ${formatByteCount(bytes)} of metrics, more than the ${formatByteCount(free)} free` },
      ]);
    }
    return bytes > options.warnAboveBytes ? `${what} (${formatByteCount(free)} free).` : null;
  };
}
