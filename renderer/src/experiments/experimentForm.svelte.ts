import type { OptlabApi } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/apiError.js';
import { issuesFromZod, type FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { experimentConfigSchema, type ExperimentConfigInput } from '../../../shared/experiments/experimentConfig.js';
import type { ExperimentPreview, ExperimentSummary } from '../../../shared/experiments/experimentTypes.js';
import type { RunConfig } from '../../../shared/config/runConfig.js';
import { errorMessage } from '../ui/errorMessage.js';

export interface AxisRow {
  path: string;
  /** Comma-separated values; each read as JSON when it is JSON (numbers, true/false), else as text. */
  values: string;
}

export interface LinkedRow {
  path: string;
  from: string;
  scale: number;
  offset: number;
}

/** A MAS run on Rosenbrock's surface: quick to train, a good first experiment. */
export const defaultBase = {
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'mas', lr: 0.0001, lambdaAdam: 0.5, lambdaSgd: 0.5 },
  training: { epochs: 5, stepsPerEpoch: 40 },
};

export function parseValueList(text: string): unknown[] {
  // A JSON array as a whole, for values with commas of their own (objects, lists).
  if (text.trim().startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // read as a comma-separated list below
    }
  }
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      try {
        return JSON.parse(part) as unknown;
      } catch {
        return part;
      }
    });
}

/** The New Experiment form: base config (JSON), sweep axes, linked fields, trials; a live preview. */
export class ExperimentForm {
  name = $state('MAS λ sweep');
  baseText = $state(JSON.stringify(defaultBase, null, 2));
  axes = $state<AxisRow[]>([{ path: 'optimizer.lambdaAdam', values: '0.3, 0.7' }]);
  linked = $state<LinkedRow[]>([{ path: 'optimizer.lambdaSgd', from: 'optimizer.lambdaAdam', scale: -1, offset: 1 }]);
  trials = $state(3);
  firstSeed = $state(0);
  /** Where the runs train: '' = this machine, else a cluster profile's name (one Slurm job array). */
  runOn = $state('');

  preview = $state.raw<ExperimentPreview | null>(null);
  issues = $state.raw<FieldIssue[]>([]);
  problem = $state<string | null>(null);
  submitting = $state(false);

  readonly #api: OptlabApi;
  #previewToken = 0;

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  /** The experiment config the form describes, or the reason it cannot be read. */
  config = $derived.by((): { config: ExperimentConfigInput } | { error: string } => {
    let base: unknown;
    try {
      base = JSON.parse(this.baseText);
    } catch (error) {
      return { error: `Base config is not valid JSON: ${errorMessage(error)}` };
    }
    return {
      config: {
        name: this.name,
        base: base as Record<string, unknown>,
        sweep: {
          axes: this.axes.filter((a) => a.path.trim()).map((a) => ({ path: a.path.trim(), values: parseValueList(a.values) })),
          linked: this.linked.filter((l) => l.path.trim() && l.from.trim()).map((l) => ({ path: l.path.trim(), from: l.from.trim(), scale: Number(l.scale), offset: Number(l.offset) })),
        },
        trials: { count: Math.max(1, Math.floor(Number(this.trials) || 1)), firstSeed: Math.max(0, Math.floor(Number(this.firstSeed) || 0)) },
      },
    };
  });

  useRunConfig(config: RunConfig): void {
    const base: Record<string, unknown> = { ...config };
    delete base.name;
    this.baseText = JSON.stringify(base, null, 2);
  }

  addAxis(): void {
    this.axes = [...this.axes, { path: '', values: '' }];
  }

  removeAxis(index: number): void {
    this.axes = this.axes.filter((_, i) => i !== index);
  }

  addLinked(): void {
    this.linked = [...this.linked, { path: '', from: '', scale: 1, offset: 0 }];
  }

  removeLinked(index: number): void {
    this.linked = this.linked.filter((_, i) => i !== index);
  }

  /** Asks the services what the config expands to (count, estimated time) or what is wrong with it. */
  async refreshPreview(): Promise<void> {
    const token = ++this.#previewToken;
    const current = this.config;
    if ('error' in current) {
      this.preview = null;
      this.issues = [];
      this.problem = current.error;
      return;
    }
    const parsed = experimentConfigSchema.safeParse(current.config);
    if (!parsed.success) {
      this.preview = null;
      this.issues = issuesFromZod(parsed.error, experimentConfigSchema, current.config);
      this.problem = 'The experiment is not complete yet';
      return;
    }
    try {
      const preview = await this.#api.previewExperiment({ config: current.config });
      if (token !== this.#previewToken) return;
      this.preview = preview;
      this.issues = [];
      this.problem = null;
    } catch (error) {
      if (token !== this.#previewToken) return;
      this.preview = null;
      this.issues = error instanceof ApiError ? error.issues : [];
      this.problem = this.issues.length > 0 ? 'The experiment cannot be expanded:' : errorMessage(error);
    }
  }

  async submit(): Promise<ExperimentSummary | null> {
    const current = this.config;
    if ('error' in current) return null;
    this.submitting = true;
    try {
      const target = this.runOn ? { kind: 'slurm' as const, profile: this.runOn } : undefined;
      return await this.#api.createExperiment({ config: current.config, ...(target ? { target } : {}) });
    } catch (error) {
      this.issues = error instanceof ApiError ? error.issues : [];
      this.problem = errorMessage(error);
      return null;
    } finally {
      this.submitting = false;
    }
  }
}
