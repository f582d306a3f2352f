import { issueText, issuesFromZod, type FieldIssue } from '../errors/fieldIssue.js';
import { InputError } from '../errors/inputError.js';
import { runConfigSchema, type RunConfig } from '../config/runConfig.js';
import { getPath, hasPath, setPath } from './configPath.js';
import { axisPaths, formatValue, gridPoints, gridSize, linkedValue, type GridPoint } from './sweepGrid.js';
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

/**
 * Expands an (already schema-checked) experiment into its settings and runs, validating every run
 * with the run schema. Throws an InputError listing every problem: a base config the run
 * schema refuses, paths that do not exist in the base config, linked fields whose source is not a
 * number, and settings whose values the run schema refuses (naming the setting's label, the seeds and
 * the field, once per setting).
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
    for (const path of axisPaths(axis)) if (!hasPath(base, path)) issues.push({ path: `sweep.axes.${i}`, message: `${path} does not exist in the base config` });
  });
  config.sweep.linked.forEach((link, i) => {
    if (!hasPath(base, link.path)) issues.push({ path: `sweep.linked.${i}.path`, message: `${link.path} does not exist in the base config` });
    if (!hasPath(base, link.from)) issues.push({ path: `sweep.linked.${i}.from`, message: `${link.from} does not exist in the base config` });
  });
  if (issues.length > 0) throw invalid(issues);

  const problems: string[] = [];
  const points = gridPoints(config.sweep, problems);
  for (const problem of new Set(problems)) issues.push({ path: 'sweep.axes', message: problem });
  if (issues.length > 0) throw invalid(issues);

  const seeds = trialSeeds(config.trials);
  const settings: ExperimentSetting[] = [];
  const runs: ExpandedRun[] = [];
  for (const { setting, config: settingConfig } of settingsOf(config, base, points, issues)) {
    const index = setting.index;
    settings.push(setting);
    // The issues of a setting, each once with the seeds it concerns (every seed, as a rule).
    const settingIssues = new Map<string, { issue: FieldIssue; seeds: number[] }>();
    seeds.forEach((seed, trial) => {
      const name = `${config.name} · ${setting.label} · seed ${seed}`;
      const candidate = setPath(setPath(settingConfig, 'training.seed', seed), 'name', name);
      const parsed = runConfigSchema.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of issuesFromZod(parsed.error, runConfigSchema, candidate)) {
          const key = `${issue.path}\u0000${issue.message}`;
          const entry = settingIssues.get(key) ?? { issue, seeds: [] };
          entry.seeds.push(seed);
          settingIssues.set(key, entry);
        }
        return;
      }
      runs.push({ name, config: parsed.data, settingIndex: index, setting: setting.values, trial, seed });
    });
    for (const { issue, seeds: issueSeeds } of settingIssues.values()) {
      const which = issueSeeds.length === seeds.length && seeds.length > 1 ? `all ${seeds.length} seeds` : `seed${issueSeeds.length > 1 ? 's' : ''} ${issueSeeds.join(', ')}`;
      issues.push({ path: issue.path, message: `setting ${index + 1} "${setting.label}" (${which}): ${issueText(issue)}` });
    }
  }
  if (issues.length > 0) throw invalid(issues);
  return { settings, runs };
}

/** Each grid point's setting (values and label) and config: the base with the point's values and the linked fields set. */
function settingsOf(config: ExperimentConfig, base: unknown, points: GridPoint[], issues: FieldIssue[]): { setting: ExperimentSetting; config: unknown }[] {
  return points.map((point, index) => {
    let settingConfig: unknown = base;
    for (const [path, value] of point.assignments) settingConfig = setPath(settingConfig, path, value);
    const values: Record<string, unknown> = { ...point.values };
    const labelParts = [...point.labelParts];
    config.sweep.linked.forEach((link, i) => {
      const value = linkedValue(link, getPath(settingConfig, link.from));
      if (typeof value !== 'number') {
        issues.push({ path: `sweep.linked.${i}.from`, message: `setting ${index + 1}: ${value.error}` });
        return;
      }
      settingConfig = setPath(settingConfig, link.path, value);
      values[link.path] = value;
      labelParts.push(`${link.path.split('.').at(-1)}=${formatValue(value)}`);
    });
    const label = config.labels?.[String(index)] ?? (labelParts.length > 0 ? labelParts.join(', ') : 'base');
    return { setting: { index, values, label }, config: settingConfig };
  });
}

/**
 * The settings' labels of a stored experiment, in setting order (its stored labels, else the
 * generated ones), without validating its runs; empty when its sweep cannot be laid out.
 */
export function experimentSettingLabels(config: ExperimentConfig): string[] {
  try {
    const parsed = runConfigSchema.safeParse(config.base);
    return settingsOf(config, parsed.success ? parsed.data : config.base, gridPoints(config.sweep), []).map((s) => s.setting.label);
  } catch {
    return [];
  }
}

/** How many runs an experiment expands to (settings × seeds), without validating them. */
export function countExperimentRuns(config: ExperimentConfig): number {
  return gridSize(config.sweep) * trialSeeds(config.trials).length;
}

function invalid(issues: FieldIssue[]): InputError {
  const detail = issues.map((i) => (i.message.startsWith('setting ') ? i.message : issueText(i))).join('; ');
  return new InputError(`Invalid experiment: ${detail}`, issues);
}
