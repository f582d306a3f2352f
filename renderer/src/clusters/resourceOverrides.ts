import { issuesFromZod, type FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { clusterResourceOverridesSchema, type ClusterProfile, type ClusterResourceOverrides, type ExecutionTarget } from '../../../shared/cluster/clusterProfile.js';

/** The resources a run on a cluster may ask for over its profile's defaults, as the form shows them. */
export const resourceFields = [
  { key: 'gpus', label: 'GPUs', numeric: true, help: 'GPUs per run (--gres=gpu:N)' },
  { key: 'cpus', label: 'CPUs', numeric: true, help: 'CPUs per run (--cpus-per-task)' },
  { key: 'memory', label: 'Memory', numeric: false, help: 'memory per run (--mem), e.g. 8G' },
  { key: 'timeLimit', label: 'Time limit', numeric: false, help: 'per run (--time), e.g. 02:00:00; a run stopped by it can resume' },
  { key: 'partition', label: 'Partition', numeric: false, help: '--partition' },
  { key: 'account', label: 'Account', numeric: false, help: '--account' },
] as const satisfies readonly { key: keyof ClusterResourceOverrides; label: string; numeric: boolean; help: string }[];

export type ResourceField = (typeof resourceFields)[number]['key'];
export type ResourceTexts = Record<ResourceField, string>;

export function emptyResourceTexts(): ResourceTexts {
  return { gpus: '', cpus: '', memory: '', timeLimit: '', partition: '', account: '' };
}

/** The profile's default of a field, as a placeholder ('' when the profile sets none). */
export function resourceDefault(profile: ClusterProfile | undefined, key: ResourceField): string {
  const value = profile?.resources[key];
  return value === undefined ? '' : String(value);
}

/**
 * The overrides typed into the form (an empty field keeps the profile's default), checked with the
 * schema the services use; each issue's path is `resources.<field>`.
 */
export function readResourceOverrides(texts: ResourceTexts): { overrides: ClusterResourceOverrides; issues: FieldIssue[] } {
  const input: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const { key, numeric } of resourceFields) {
    const text = texts[key].trim();
    if (text === '') continue;
    if (numeric) {
      const value = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
        issues.push({ path: `resources.${key}`, message: 'must be a whole number' });
        continue;
      }
      input[key] = value;
    } else {
      input[key] = text;
    }
  }
  const parsed = clusterResourceOverridesSchema.safeParse(input);
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error).map((issue) => ({ ...issue, path: `resources.${issue.path}` })));
  return { overrides: parsed.success ? parsed.data : {}, issues };
}

/** Where the runs go: undefined for this machine, else the profile with the overrides typed (none left out when all are empty). */
export function executionTarget(runOn: string, texts: ResourceTexts): { target: ExecutionTarget | undefined; issues: FieldIssue[] } {
  if (runOn === '') return { target: undefined, issues: [] };
  const { overrides, issues } = readResourceOverrides(texts);
  if (issues.length > 0) return { target: undefined, issues };
  return { target: { kind: 'slurm', profile: runOn, ...(Object.keys(overrides).length > 0 ? { resources: overrides } : {}) }, issues: [] };
}
