import { z } from 'zod';
import { runConfigSchema, type RunConfig } from '../../config/runConfig.js';
import { powersOfTenInRange, type EpsilonSearchRange } from './searchRange.js';

const positive = z.number().finite().positive();

/** What the user asks for when testing an ε range: which ε, which learning rates, optionally which β2. */
export const epsilonSweepRequestSchema = z
  .object({
    /** `extremes`: ε_lower and ε_upper; `powers`: every power of ten from ε_lower to ε_upper; `custom`: `epsilons`. */
    mode: z.enum(['extremes', 'powers', 'custom']).default('extremes'),
    epsilons: z.array(z.number().finite().min(0)).max(64).optional(),
    learningRates: z.array(positive).min(1, { error: 'pick at least one learning rate' }).max(32),
    /** Optional β2 values (for the β2 × ε heatmap); the run's own β2 when absent. */
    beta2s: z.array(z.number().finite().min(0).lt(1)).max(16).optional(),
  })
  .strict();
export type EpsilonSweepRequest = z.infer<typeof epsilonSweepRequestSchema>;
export type EpsilonSweepRequestInput = z.input<typeof epsilonSweepRequestSchema>;

/** One run of the sweep: the values it tests and its config. */
export interface EpsilonSweepPoint {
  eps: number;
  lr: number;
  beta2: number | null;
  name: string;
  config: RunConfig;
}

/** The ε values a request tests, ascending and without repeats. */
export function sweepEpsilons(request: EpsilonSweepRequest, range: EpsilonSearchRange | null): number[] {
  let values: number[];
  if (request.mode === 'custom') {
    if (!request.epsilons || request.epsilons.length === 0) throw new Error('a custom ε sweep needs the ε values');
    values = request.epsilons;
  } else {
    if (!range) throw new Error('the run has no ε search range (no first-epoch capture of an adaptive optimizer)');
    values = request.mode === 'extremes' ? [range.lower, range.upper] : powersOfTenInRange(range);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Whether a config can be swept over ε and lr: one optimizer with both fields. */
export function sweepableOptimizer(config: RunConfig): boolean {
  const o = config.optimizer as Record<string, unknown>;
  return typeof o.eps === 'number' && typeof o.lr === 'number';
}

/**
 * The runs that test an ε range (seed 003, Sec. 3.3): every ε × every learning rate (× every β2),
 * each a copy of the source config with `optimizer.eps`, `optimizer.lr` (and `optimizer.beta2`) set,
 * named `<base> ε=… lr=…` so they read alike in the runs table.
 */
export function planEpsilonSweep(source: RunConfig, baseName: string, epsilons: readonly number[], request: EpsilonSweepRequest): EpsilonSweepPoint[] {
  if (!sweepableOptimizer(source)) throw new Error(`an ε sweep needs a single optimizer with eps and lr, not ${source.optimizer.type}`);
  const sourceBeta2 = (source.optimizer as Record<string, unknown>).beta2;
  if (request.beta2s && request.beta2s.length > 0 && typeof sourceBeta2 !== 'number') {
    throw new Error(`${source.optimizer.type} has no beta2 to sweep`);
  }
  const beta2s: (number | null)[] = request.beta2s && request.beta2s.length > 0 ? request.beta2s : [null];
  const points: EpsilonSweepPoint[] = [];
  for (const beta2 of beta2s) {
    for (const lr of request.learningRates) {
      for (const eps of epsilons) {
        const optimizer = { ...source.optimizer, eps, lr, ...(beta2 === null ? {} : { beta2 }) };
        const name = `${baseName} ε=${formatPower(eps)} lr=${formatPower(lr)}${beta2 === null ? '' : ` β2=${beta2}`}`;
        const config = runConfigSchema.parse({ ...source, name, optimizer });
        points.push({ eps, lr, beta2, name, config });
      }
    }
  }
  return points;
}

/** 1e-8 for powers of ten, else the shortest exact form. */
export function formatPower(x: number): string {
  if (x > 0) {
    const e = Math.round(Math.log10(x));
    if (Number(`1e${e}`) === x) return `1e${e}`;
  }
  return String(x);
}
