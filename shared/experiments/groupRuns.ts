import type { RunSummary } from '../runs/runTypes.js';
import { flattenLeaves, getPath } from './configPath.js';
import { differingParams, paramsLabel } from './differenceLabels.js';

/** Runs that belong together: the trials of one setting, or the runs sharing a field's value. */
export interface RunGroup {
  key: string;
  name: string;
  /** The fields that tell this group from the others, by dotted path. */
  params: Record<string, unknown>;
  runs: RunSummary[];
}

/** Fields that differ between trials of the same setting, so never part of a setting's identity. */
const trialFields = ['name', 'training.seed'];

function settingKey(run: RunSummary): string {
  if (run.experimentId != null && run.settingIndex != null) return `experiment ${run.experimentId} setting ${run.settingIndex}`;
  const leaves = flattenLeaves(run.config);
  for (const field of trialFields) delete leaves[field];
  return `config ${JSON.stringify(Object.entries(leaves).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
}

/**
 * Groups runs by setting: runs of an experiment by their setting, other runs by their config without
 * name and seed (so the seeds of one setting form one group). Groups keep the order of their first
 * run; `params` are the config fields that tell the groups apart (shared/experiments/differenceLabels.ts),
 * and the name is made of them alone.
 */
export function groupBySetting(runs: readonly RunSummary[]): RunGroup[] {
  const groups = new Map<string, RunSummary[]>();
  for (const run of runs) {
    const key = settingKey(run);
    const list = groups.get(key);
    if (list) list.push(run);
    else groups.set(key, [run]);
  }
  const entries = [...groups.entries()];
  const differing = differingParams(entries.map(([, list]) => list[0].config), trialFields);
  const paramsOf = entries.map(([, list], i) => (list[0].setting && Object.keys(list[0].setting).length > 0 ? { ...list[0].setting } : differing[i]));
  const allPaths = paramsOf.flatMap((params) => Object.keys(params));
  return entries.map(([key, list], i) => {
    const label = paramsLabel(paramsOf[i], allPaths);
    return { key, name: label || baseName(list[0]), params: paramsOf[i], runs: list };
  });
}

function baseName(run: RunSummary): string {
  return run.name.replace(/ · seed \d+$/, '');
}

/** A value of a run to group, filter or sort by: `status`, `tags`, `experimentId`, or a config field's dotted path. */
export function runField(run: RunSummary, field: string): unknown {
  switch (field) {
    case 'status':
      return run.status;
    case 'tags':
      return run.tags ?? [];
    case 'experimentId':
      return run.experimentId ?? null;
    case 'name':
      return run.name;
    case 'seed':
      return run.seed;
    default:
      return getPath(run.config, field.startsWith('config.') ? field.slice('config.'.length) : field);
  }
}

/** Groups runs by one field's value (runs without the field form the group "—"). */
export function groupByField(runs: readonly RunSummary[], field: string): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  for (const run of runs) {
    const value = runField(run, field);
    const key = value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, name: `${field} = ${key}`, params: { [field]: value }, runs: [] }));
    group.runs.push(run);
  }
  return [...groups.values()];
}
