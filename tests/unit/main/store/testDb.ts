import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runConfigSchema, type RunConfig, type RunConfigInput } from '../../../../shared/config/runConfig.js';

/** A fresh folder for one test's database file; `remove()` deletes it. */
export function tempDbDir(): { dir: string; dbPath: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-store-'));
  return { dir, dbPath: path.join(dir, 'optlab.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function surfaceConfig(overrides: Partial<RunConfigInput> = {}): RunConfig {
  return runConfigSchema.parse({
    dataset: { kind: 'surface', surface: 'rosenbrock' },
    model: { kind: 'point' },
    optimizer: { type: 'sgd', lr: 0.001 },
    training: { epochs: 2, stepsPerEpoch: 20, seed: 7 },
    ...overrides,
  });
}
