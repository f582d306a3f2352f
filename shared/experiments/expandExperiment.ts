import { ApiError, issueText, issuesFromZod, type FieldIssue } from '../api/apiError.js';
import { runConfigSchema, type RunConfig } from '../config/runConfig.js';
import { getPath, hasPath, setPath } from './configPath.js';
import { maxExperimentRuns, trialSeeds, type ExperimentConfig } from './experimentConfig.js';

/** One point of the sweep: the swept (and linked) fields' values, by dotted path. */
export interface ExperimentSetting {
  index: number;
  values: Record<string, unknown>;
  label: string;
}

/** One run an experiment expands to: a setting trained with one seed. */
export interface ExpandedRun {
  name: string;
  config: RunConfig;
  settingIndex: number;
  setting: Record<string, unknown>;
  trial: number;
  seed: number;
}

export interface ExperimentExpansion {
  settings: ExperimentSetting[];
  runs: ExpandedRun[];
}

/** A short label for a setting's values: the last part of each path with its value. */
export function settingLabel(values: Record<string, unknown>): string {
  const parts = Object.entries(values).map(([path, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? formatValue(value) : `${path.split('.').at(-1)}=${formatValue(value)}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'base';
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (typeof value === 'string') return value;
  // A whole section, e.g. an optimizer: its type, then its other fields.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value)
      .map(([k, v]) => (k === 'type' || k === 'kind' ? formatValue(v) : `${k}=${formatValue(v)}`))
      .join(' ');
  }
  return JSON.stringify(value);
}

/** The grid's points: every combination of the axes' values (the first axis changes slowest). */
function gridPoints(config: ExperimentConfig): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const axis of config.sweep.axes) {
    const rows = 'path' in axis ? axis.values.map((v) => ({ [axis.path]: v })) : axis.values.map((row) => Object.fromEntries(axis.paths.map((p, i) => [p, row[i]])));
    points = points.flatMap((point) => rows.map((row) => ({ ...point, ...row })));
  }
  return points;
}

/**
 * Expands an (already schema-checked) experiment into its settings and runs, validating every run
 * with the run schema. Throws an invalid-input ApiError listing every problem: a base config the run
 * schema refuses, paths that do not exist in the base config, linked fields whose source is not a
 * number, and runs whose values the run schema refuses (naming the run and the field).
 */
export function expandExperiment(config: ExperimentConfig): ExperimentExpansion {
  const issues: FieldIssue[] = [];
  const runCount = countExperimentRuns(config);
  if (runCount > maxExperimentRuns) {
    throw invalid([{ path: 'sweep', message: `expands to ${runCount.toLocaleString('en-US')} runs; an experiment may have at most ${maxExperimentRuns.toLocaleString('en-US')} (split it, or sweep fewer values)` }]);
  }
  const baseResult = runConfigSchema.safeParse(config.base);
  if (!baseResult.success) {
    for (const issue of issuesFromZod(baseResult.error, runConfigSchema, config.base)) {
      issues.push({ path: issue.path ? `base.${issue.path}` : 'base', message: issue.message.startsWith(issue.path) && issue.path ? `base.${issue.message}` : issue.message });
    }
    throw invalid(issues);
  }
  const base = baseResult.data;

  config.sweep.axes.forEach((axis, i) => {
    const paths = 'path' in axis ? [axis.path] : axis.paths;
    for (const path of paths) if (!hasPath(base, path)) issues.push({ path: `sweep.axes.${i}`, message: `${path} does not exist in the base config` });
  });
  config.sweep.linked.forEach((link, i) => {
    if (!hasPath(base, link.path)) issues.push({ path: `sweep.linked.${i}.path`, message: `${link.path} does not exist in the base config` });
    if (!hasPath(base, link.from)) issues.push({ path: `sweep.linked.${i}.from`, message: `${link.from} does not exist in the base config` });
  });
  if (issues.length > 0) throw invalid(issues);

  const seeds = trialSeeds(config.trials);
  const settings: ExperimentSetting[] = [];
  const runs: ExpandedRun[] = [];
  gridPoints(config).forEach((point, index) => {
    let settingConfig: unknown = base;
    for (const [path, value] of Object.entries(point)) settingConfig = setPath(settingConfig, path, value);
    const values: Record<string, unknown> = { ...point };
    config.sweep.linked.forEach((link, i) => {
      const source = getPath(settingConfig, link.from);
      if (typeof source !== 'number') {
        issues.push({ path: `sweep.linked.${i}.from`, message: `setting ${index + 1}: ${link.from} is ${JSON.stringify(source)}, not a number` });
        return;
      }
      // Rounded to 12 significant digits so 1 − 0.7 is 0.3, as a person would write it.
      const value = Number((link.offset + link.scale * source).toPrecision(12));
      settingConfig = setPath(settingConfig, link.path, value);
      values[link.path] = value;
    });
    const setting: ExperimentSetting = { index, values, label: settingLabel(values) };
    settings.push(setting);
    seeds.forEach((seed, trial) => {
      const name = `${config.name} · ${setting.label} · seed ${seed}`;
      const candidate = setPath(setPath(settingConfig, 'training.seed', seed), 'name', name);
      const parsed = runConfigSchema.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of issuesFromZod(parsed.error, runConfigSchema, candidate)) {
          issues.push({ path: issue.path, message: `run ${runs.length + 1} (${setting.label}, seed ${seed}): ${issueText(issue)}` });
        }
        return;
      }
      runs.push({ name, config: parsed.data, settingIndex: index, setting: values, trial, seed });
    });
  });
  if (issues.length > 0) throw invalid(issues);
  return { settings, runs };
}

/** How many runs an experiment expands to (settings × seeds), without validating them. */
export function countExperimentRuns(config: ExperimentConfig): number {
  const settings = config.sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
  return settings * trialSeeds(config.trials).length;
}

function invalid(issues: FieldIssue[]): ApiError {
  const detail = issues.map((i) => (i.message.startsWith('run ') ? i.message : issueText(i))).join('; ');
  return new ApiError(`Invalid experiment: ${detail}`, 'invalid-input', issues);
}
