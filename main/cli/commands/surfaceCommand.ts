import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOrThrow } from '../../../shared/errors/inputError.js';
import { optimizerConfigSchema } from '../../../shared/config/optimizerConfig.js';
import { summarizePath } from '../../../shared/ml/surfaces/pathSummary.js';
import { runTrajectory } from '../../../shared/ml/surfaces/runTrajectory.js';
import { allSurfaces } from '../../../shared/ml/surfaces/surfaces.js';

const surfaceNames = Object.keys(allSurfaces) as (keyof typeof allSurfaces)[];

/** What `optlab surface` computes: one surface, one start, several optimizers (a fusion plan has no place on a 2-D point). */
export const surfaceRequestSchema = z.object({
  surface: z.enum(surfaceNames as [keyof typeof allSurfaces, ...(keyof typeof allSurfaces)[]], {
    error: (iss) => `unknown surface ${JSON.stringify(iss.input)}; one of ${surfaceNames.join(', ')}`,
  }),
  optimizers: z
    .array(optimizerConfigSchema.refine((c) => c.type !== 'fusion', { error: 'a fusion plan needs a model with blocks; the point model has one' }))
    .min(1, { error: 'give at least one optimizer' })
    .max(16, { error: 'at most 16 optimizers at once' }),
  /** Steps per optimizer; the surface's (the paper's) when omitted. */
  steps: z.number().int().min(1, { error: 'steps must be >= 1' }).max(100_000, { error: 'steps must be <= 100000' }).optional(),
  /** Start point; the surface's (the paper's) when omitted. */
  start: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  /** Distance to the minimum that counts as arrived, for `stepWithinTolerance`. */
  tolerance: z.number().positive({ error: 'tolerance must be > 0' }).default(0.1),
});
export type SurfaceRequest = z.infer<typeof surfaceRequestSchema>;

interface SurfaceOptions {
  surface?: string;
  optimizer: string[];
  steps?: string;
  start?: string;
  tolerance?: string;
  config?: string;
  path: boolean;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A number as typed on the command line, or the text itself so the schema names the field at fault. */
function numberOrText(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

/** The request from a config file (if any) with the command-line options on top. */
async function readRequest(options: SurfaceOptions): Promise<SurfaceRequest> {
  let base: Record<string, unknown> = {};
  if (options.config) {
    let text: string;
    try {
      text = await readFile(options.config, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${options.config}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const json = parseJson(text, options.config);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${options.config} must hold a JSON object`);
    base = json as Record<string, unknown>;
  }
  const raw: Record<string, unknown> = { ...base };
  if (options.surface !== undefined) raw.surface = options.surface;
  if (options.optimizer.length > 0) raw.optimizers = options.optimizer.map((text, k) => parseJson(text, `--optimizer #${k + 1}`));
  if (options.steps !== undefined) raw.steps = numberOrText(options.steps);
  if (options.tolerance !== undefined) raw.tolerance = numberOrText(options.tolerance);
  if (options.start !== undefined) raw.start = options.start.split(',').map(numberOrText);
  return parseOrThrow(surfaceRequestSchema, raw, 'surface request');
}

/** Every optimizer's path on the surface, with where it ended and when it came within the tolerance. */
export function computeSurfaceTrajectories(request: SurfaceRequest, withPaths = true) {
  const surface = allSurfaces[request.surface];
  const steps = request.steps ?? surface.defaultSteps;
  const start = request.start ?? surface.start;
  return {
    surface: surface.name,
    title: surface.title,
    minimum: surface.minimum,
    start,
    steps,
    tolerance: request.tolerance,
    trajectories: request.optimizers.map((optimizer) => {
      const path = runTrajectory(surface, optimizer, steps, start);
      const summary = summarizePath(surface, path, request.tolerance, steps);
      return withPaths ? { optimizer, summary, path } : { optimizer, summary };
    }),
  };
}

export function registerSurfaceCommand(program: Command): void {
  program
    .command('surface')
    .description('paths of optimizers on a toy loss surface (seed 000), printed as JSON')
    .option('--surface <name>', `the surface: ${surfaceNames.join(', ')}`)
    .option('--optimizer <json>', 'an optimizer config, e.g. \'{"type":"mas","lr":1e-4}\' (repeat for several)', (value: string, list: string[]) => [...list, value], [])
    .option('--steps <n>', 'steps per optimizer (default: the surface\'s)')
    .option('--start <x,y>', 'start point (default: the surface\'s)')
    .option('--tolerance <d>', 'distance to the minimum that counts as arrived (default 0.1)')
    .option('--config <file.json>', 'a JSON file {surface, optimizers: [...], steps?, start?, tolerance?}; options override it')
    .option('--no-path', 'print only each path\'s summary, not its points')
    .action(async (options: SurfaceOptions) => {
      const request = await readRequest(options);
      const tf = await import('@tensorflow/tfjs-core');
      await import('@tensorflow/tfjs-backend-cpu');
      await tf.setBackend('cpu');
      process.stdout.write(`${JSON.stringify(computeSurfaceTrajectories(request, options.path))}\n`);
    });
}
