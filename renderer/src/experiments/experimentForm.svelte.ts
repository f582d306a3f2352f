import type { OptlabApi } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/apiError.js';
import { issuesFromZod, type FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { experimentConfigSchema, type ExperimentConfigInput } from '../../../shared/experiments/experimentConfig.js';
import type { ExperimentPreview, ExperimentSummary } from '../../../shared/experiments/experimentTypes.js';
import type { RunConfig } from '../../../shared/config/runConfig.js';
import { errorMessage } from '../ui/errorMessage.js';
import { SweepBuilder } from './builder/sweepBuilder.svelte.js';
import { RunTarget } from '../clusters/runTarget.svelte.js';

/**
 * The New Experiment form: the sweep builder (or, as an advanced view, the experiment as JSON that
 * round-trips through the builder), and a live preview of every run from the services (labels,
 * count, estimated time) or what is wrong, naming the setting and the field.
 */
export class ExperimentForm {
  readonly builder = new SweepBuilder();
  view = $state<'builder' | 'json'>('builder');
  jsonText = $state('');
  /** Why the JSON could not be applied to the builder. */
  jsonProblem = $state<string | null>(null);
  /** Where the runs train: this machine, or a cluster profile (one Slurm job array) with its resources. */
  readonly runTarget = new RunTarget();

  preview = $state.raw<ExperimentPreview | null>(null);
  issues = $state.raw<FieldIssue[]>([]);
  problem = $state<string | null>(null);
  /** Why the last submission failed (the preview may still be fine: say, the cluster refused the job). */
  submitProblem = $state<string | null>(null);
  submitting = $state(false);

  readonly #api: OptlabApi;
  #previewToken = 0;

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  /** The experiment config the form describes, or why it cannot be read. */
  config = $derived.by((): { config: ExperimentConfigInput } | { error: string; issues: FieldIssue[] } => {
    if (this.view === 'builder') {
      const built = this.builder.built;
      if (built.issues.length > 0) return { error: `${built.issues.length} field${built.issues.length === 1 ? ' needs' : 's need'} attention`, issues: built.issues };
      return { config: built.config };
    }
    try {
      return { config: JSON.parse(this.jsonText) as ExperimentConfigInput };
    } catch (error) {
      return { error: `The experiment is not valid JSON: ${errorMessage(error)}`, issues: [] };
    }
  });

  /** Shows the experiment as JSON, made from the builder. */
  openJson(): void {
    this.jsonText = JSON.stringify(this.builder.built.config, null, 2);
    this.jsonProblem = null;
    this.view = 'json';
  }

  /** Reads the JSON back into the builder; stays on the JSON when the builder cannot show it. */
  applyJson(): boolean {
    let raw: unknown;
    try {
      raw = JSON.parse(this.jsonText);
    } catch (error) {
      this.jsonProblem = `Not valid JSON: ${errorMessage(error)}`;
      return false;
    }
    const parsed = experimentConfigSchema.safeParse(raw);
    if (!parsed.success) {
      this.jsonProblem = issuesFromZod(parsed.error, experimentConfigSchema, raw).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return false;
    }
    const problems = this.builder.load(parsed.data);
    if (problems.length > 0) {
      this.jsonProblem = `The builder cannot show ${problems.join('; ')}; keep editing it here as JSON.`;
      return false;
    }
    this.jsonProblem = null;
    this.view = 'builder';
    return true;
  }

  useRunConfig(config: RunConfig): string[] {
    return this.builder.base.loadConfig(config);
  }

  /** Asks the services what the config expands to (each run, estimated time) or what is wrong with it. */
  async refreshPreview(): Promise<void> {
    const token = ++this.#previewToken;
    const current = this.config;
    if ('error' in current) {
      this.preview = null;
      this.issues = current.issues;
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
    this.submitProblem = null;
    try {
      if (this.runTarget.issues.length > 0) return null;
      const target = this.runTarget.target;
      return await this.#api.createExperiment({ config: current.config, ...(target ? { target } : {}) });
    } catch (error) {
      this.issues = error instanceof ApiError ? error.issues : [];
      this.problem = errorMessage(error);
      this.submitProblem = this.problem;
      return null;
    } finally {
      this.submitting = false;
    }
  }
}
