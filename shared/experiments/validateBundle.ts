import { issuesFromZod, type FieldIssue } from '../errors/fieldIssue.js';
import { InputError, parseOrThrow } from '../errors/inputError.js';
import { runConfigSchema } from '../config/runConfig.js';
import { runArtifactSchemas } from '../runs/runArtifacts.js';
import { experimentBundleSchema, type ExperimentBundle } from './experimentBundle.js';
import { experimentConfigSchema, trialSeeds } from './experimentConfig.js';
import { countExperimentRuns } from './expandExperiment.js';
import { jsonDepthExceeds } from './jsonDepth.js';
import { unknownFields } from './unknownFields.js';

/** How deeply an experiment file may nest (its configs nest a few levels; histograms a few more). */
export const maxBundleDepth = 64;

/**
 * Checks an experiment file as strictly as the API checks what it stores: the file's shape; the
 * experiment's and every run's config by their schemas, with no field the schemas do not know; tags
 * and notes within `updateRunInfo`'s limits; metric steps that increase; setting and trial indexes
 * inside the experiment's grid; run artifacts by their kind's schema. Returns the file with its configs
 * as the schemas read them (defaults filled in), or throws an InputError naming every problem.
 */
export function validateBundle(raw: unknown): ExperimentBundle {
  if (jsonDepthExceeds(raw, maxBundleDepth)) throw new InputError(`Invalid experiment file: it nests deeper than ${maxBundleDepth} levels`);
  const bundle = parseOrThrow(experimentBundleSchema, raw, 'experiment file');
  const issues: FieldIssue[] = [];
  /** Each issue as the message shows it (a run's named by its number and name). */
  const shown: string[] = [];
  const add = (path: string, message: string, where = path) => {
    issues.push({ path, message });
    shown.push(`${where}: ${message}`);
  };
  const experimentConfig = parseOrThrow(experimentConfigSchema, bundle.experiment.config, 'experiment file: experiment config');
  for (const field of unknownFields(bundle.experiment.config, experimentConfig)) add(`experiment.config.${field}`, 'unknown field');
  const settingCount = countExperimentRuns(experimentConfig) / trialSeeds(experimentConfig.trials).length;
  const trialCount = trialSeeds(experimentConfig.trials).length;

  const runs = bundle.runs.map((run, i) => {
    const at = `runs.${i}`;
    const configIssue = (field: string, message: string) => add(`${at}.config.${field}`, message, `config of run ${i + 1} (${run.name}): ${field}`);
    const parsed = runConfigSchema.safeParse(run.config);
    if (!parsed.success) {
      for (const issue of issuesFromZod(parsed.error, runConfigSchema, run.config)) configIssue(issue.path, issue.message);
      return run;
    }
    for (const field of unknownFields(run.config, parsed.data)) configIssue(field, 'unknown field');
    if (run.settingIndex !== null && run.settingIndex >= settingCount) {
      add(`${at}.settingIndex`, `setting ${run.settingIndex} does not exist: the experiment has ${settingCount} setting(s)`);
    }
    if (run.trial !== null && run.trial >= trialCount) add(`${at}.trial`, `trial ${run.trial} does not exist: the experiment has ${trialCount} trial(s)`);
    (run.tables.run_artifacts ?? []).forEach((row, j) => {
      const where = `${at}.tables.run_artifacts.${j}`;
      const { name, content } = row.cells;
      const schema = typeof name === 'string' ? runArtifactSchemas[name] : undefined;
      if (!schema) return void add(`${where}.name`, `not a kind of run artifact: ${JSON.stringify(name)}`);
      let document: unknown;
      try {
        document = typeof content === 'string' ? JSON.parse(content) : undefined;
      } catch {
        document = undefined;
      }
      const checked = schema.safeParse(document);
      if (!checked.success) {
        const detail = checked.error.issues.map((issue) => `${issue.path.join('.') || '(content)'}: ${issue.message}`).join('; ');
        add(`${where}.content`, `not a valid ${name}: ${detail}`);
      }
    });
    return { ...run, config: parsed.data as Record<string, unknown> };
  });
  if (issues.length > 0) {
    const listed = shown.slice(0, 20);
    if (shown.length > listed.length) listed.push(`… and ${shown.length - listed.length} more`);
    throw new InputError(`Invalid experiment file: ${listed.join('; ')}`, issues);
  }
  return { ...bundle, experiment: { ...bundle.experiment, config: experimentConfig as unknown as Record<string, unknown> }, runs };
}
