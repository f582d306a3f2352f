import type { FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { surfaceNames, type SurfaceName } from '../../../shared/config/datasetConfig.js';
import { optimizerPresets } from '../../../shared/ml/optim/optimizerCatalog.js';
import { summarizePath, type PathSummary } from '../../../shared/ml/surfaces/pathSummary.js';
import type { TrajectoryPoint } from '../../../shared/ml/surfaces/runTrajectory.js';
import { surfaces } from '../../../shared/ml/surfaces/surfaces.js';
import { initialValues, optimizerVariant, playgroundOptimizers, readOptimizerConfig, type FieldValues } from './optimizerFields.js';
import { defaultOptimizers, nextColor } from './playgroundDefaults.js';
import { requestKey, type TrajectoryRequest } from './trajectoryRequest.js';
import { SupersededError, type TrajectoryPool } from './trajectoryPool.js';

/** One optimizer drawn on the surface: its type, what was typed into its form, its colour. */
export interface OptimizerEntry {
  id: number;
  color: string;
  type: string;
  values: FieldValues;
  presetId: string;
}

interface EntryPath {
  key: string;
  path: TrajectoryPoint[] | null;
  computing: boolean;
  error: string | null;
}

/** What the results table shows for one optimizer. */
export interface EntryView {
  entry: OptimizerEntry;
  issues: FieldIssue[];
  request: TrajectoryRequest | null;
  path: TrajectoryPoint[] | null;
  summary: PathSummary | null;
  computing: boolean;
  error: string | null;
}

/** Presets of the catalog that are one optimizer (fusion splits need a model with blocks). */
export const singlePresets = optimizerPresets.filter((p) => p.config !== undefined && p.config.type !== 'fusion' && p.config.type !== 'mixer');

const maxSteps = 20_000;

function parseNumber(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/**
 * The optimizer playground: a surface, a start, a number of steps and several optimizers; the path of
 * each is computed with the real optimizers (in workers) whenever an input changes, after a short pause.
 */
export class Playground {
  readonly surfaceNames = surfaceNames;
  readonly types = playgroundOptimizers;
  readonly presets = singlePresets;

  surfaceName = $state<SurfaceName>('rosenbrock');
  startText = $state<[string, string]>(['3', '1']);
  stepsText = $state('1000');
  toleranceText = $state('0.1');
  entries = $state<OptimizerEntry[]>([]);
  #paths = $state.raw<Record<number, EntryPath>>({});

  surface = $derived(surfaces[this.surfaceName]);
  start = $derived.by((): [number, number] | null => {
    const [x, y] = this.startText.map(parseNumber);
    return x === null || y === null ? null : [x, y];
  });
  steps = $derived.by(() => {
    const value = parseNumber(this.stepsText);
    return value !== null && Number.isInteger(value) && value >= 1 && value <= maxSteps ? value : null;
  });
  tolerance = $derived.by(() => {
    const value = parseNumber(this.toleranceText);
    return value !== null && value > 0 ? value : null;
  });
  settingIssues = $derived.by((): FieldIssue[] => {
    const issues: FieldIssue[] = [];
    if (this.start === null) issues.push({ path: 'start', message: 'the start needs two numbers' });
    if (this.steps === null) issues.push({ path: 'steps', message: `steps must be a whole number from 1 to ${maxSteps}` });
    if (this.tolerance === null) issues.push({ path: 'tolerance', message: 'the tolerance must be a number > 0' });
    return issues;
  });

  /** Each optimizer's config as read from its form, and the path request it makes (null while something is invalid). */
  requests = $derived.by(() =>
    this.entries.map((entry) => {
      const { config, issues } = readOptimizerConfig(optimizerVariant(entry.type), entry.values);
      const request: TrajectoryRequest | null =
        config && this.start && this.steps ? { surface: this.surfaceName, optimizer: config, steps: this.steps, start: this.start } : null;
      return { entry, issues, request, key: request ? requestKey(request) : null };
    }),
  );

  /** Changes exactly when some path has to be computed again. */
  requestsKey = $derived(this.requests.map((r) => `${r.entry.id}:${r.key ?? ''}`).join('\n'));

  views = $derived.by((): EntryView[] =>
    this.requests.map(({ entry, issues, request, key }) => {
      const state = this.#paths[entry.id];
      const path = state?.path ?? null;
      const current = key !== null && state?.key === key;
      return {
        entry,
        issues,
        request,
        path,
        summary: path && this.tolerance ? summarizePath(this.surface, path, this.tolerance, current ? this.steps ?? undefined : undefined) : null,
        computing: request !== null && (!current || state.computing),
        error: current ? state.error : null,
      };
    }),
  );

  #nextId = 1;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly pool: TrajectoryPool) {
    for (const d of defaultOptimizers(this.surface)) this.entries.push(this.#newEntry(d.type, d.config));
  }

  /** Loads a surface with the paper's start, steps and learning rate (other hyperparameters stay). */
  setSurface(name: SurfaceName): void {
    this.surfaceName = name;
    const surface = surfaces[name];
    this.startText = surface.start.map(String) as [string, string];
    this.stepsText = String(surface.defaultSteps);
    for (const entry of this.entries) entry.values.lr = String(surface.defaultLr);
  }

  setStart(x: number, y: number): void {
    this.startText = [String(x), String(y)];
  }

  addOptimizer(type = 'adam'): void {
    this.entries.push(this.#newEntry(type, { lr: this.surface.defaultLr }));
  }

  removeOptimizer(id: number): void {
    this.entries = this.entries.filter((e) => e.id !== id);
  }

  /** Another type keeps the learning rate typed so far; the rest take the new type's defaults. */
  setType(entry: OptimizerEntry, type: string): void {
    const lr = entry.values.lr;
    entry.type = type;
    entry.values = { ...initialValues(optimizerVariant(type)), ...(lr !== undefined && lr !== '' ? { lr } : {}) };
    entry.presetId = '';
  }

  setValue(entry: OptimizerEntry, key: string, value: string | boolean): void {
    entry.values[key] = value;
    entry.presetId = '';
  }

  applyPreset(entry: OptimizerEntry, presetId: string): void {
    const preset = this.presets.find((p) => p.id === presetId);
    if (!preset?.config) return;
    const config = preset.config as Record<string, unknown> & { type: string };
    entry.type = config.type;
    entry.values = initialValues(optimizerVariant(config.type), config);
    entry.presetId = presetId;
  }

  /** Recomputes the paths whose inputs changed, after `delayMs` without further changes. */
  schedule(delayMs = 120): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#compute();
    }, delayMs);
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
  }

  #compute(): void {
    const wanted = new Set<string>();
    const next: Record<number, EntryPath> = {};
    let changed = Object.keys(this.#paths).length !== this.requests.length;
    for (const { entry, request, key } of this.requests) {
      const old = this.#paths[entry.id];
      if (!request || key === null) {
        if (old) next[entry.id] = old;
        continue;
      }
      wanted.add(key);
      if (old?.key === key) {
        next[entry.id] = old;
        continue;
      }
      changed = true;
      // The old path stays drawn until the new one arrives.
      next[entry.id] = { key, path: old?.path ?? null, computing: true, error: null };
      const id = entry.id;
      this.pool.compute(request).then(
        (path) => this.#settle(id, key, { key, path, computing: false, error: null }),
        (error: unknown) => {
          if (error instanceof SupersededError) return;
          this.#settle(id, key, { key, path: null, computing: false, error: error instanceof Error ? error.message : String(error) });
        },
      );
    }
    this.pool.prune(wanted);
    if (changed) this.#paths = next;
  }

  #settle(id: number, key: string, state: EntryPath): void {
    if (this.#paths[id]?.key !== key) return;
    this.#paths = { ...this.#paths, [id]: state };
  }

  #newEntry(type: string, config: Record<string, unknown>): OptimizerEntry {
    return { id: this.#nextId++, color: nextColor(this.entries.map((e) => e.color)), type, values: initialValues(optimizerVariant(type), config), presetId: '' };
  }
}
