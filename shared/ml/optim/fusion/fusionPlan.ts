import type { FieldIssue } from '../../../errors/fieldIssue.js';
import type { FusionBlocks, FusionConfig, OptimizerConfig } from '../../../config/optimizerConfig.js';

/** The block names a group's `blocks` field selects, or the issues that stop it from selecting any. */
function groupBlocks(blocks: FusionBlocks, blockNames: string[], path: string): { names: string[]; issues: FieldIssue[] } {
  if (typeof blocks[0] === 'number') {
    const [from, to] = blocks as [number, number];
    const last = blockNames.length - 1;
    if (from > to) return { names: [], issues: [{ path, message: `block range [${from}, ${to}] needs from <= to` }] };
    if (to > last) {
      return { names: [], issues: [{ path, message: `block range [${from}, ${to}] goes past the last block (${last}: ${blockNames[last] ?? 'none'})` }] };
    }
    return { names: blockNames.slice(from, to + 1), issues: [] };
  }
  const names = blocks as string[];
  const unknown = names.filter((n) => !blockNames.includes(n));
  if (unknown.length > 0) {
    return { names: [], issues: [{ path, message: `unknown block${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the model has ${blockNames.join(', ')}` }] };
  }
  return { names, issues: [] };
}

/**
 * Checks a fusion plan against a model's blocks (in `model.blocks` order): every block must get
 * exactly one optimizer. Returns field issues (paths relative to the plan, e.g.
 * `groups.1.blocks`), empty when the plan is sound. The plan's shape is checked by the zod schema.
 */
export function validateFusionPlan(plan: FusionConfig, blockNames: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const owner = new Map<string, number>();
  plan.groups.forEach((group, k) => {
    const path = `groups.${k}.blocks`;
    const { names, issues: groupIssues } = groupBlocks(group.blocks, blockNames, path);
    issues.push(...groupIssues);
    for (const name of names) {
      const first = owner.get(name);
      if (first !== undefined) issues.push({ path, message: `block ${name} already has an optimizer (group ${first})` });
      else owner.set(name, k);
    }
  });
  const missing = blockNames.filter((n) => !owner.has(n));
  if (missing.length > 0) {
    const plural = missing.length > 1;
    issues.push({ path: 'groups', message: `block${plural ? 's' : ''} ${missing.join(', ')} ha${plural ? 've' : 's'} no optimizer` });
  }
  return issues;
}

/** For each group, the names of its blocks; throws with the issues when the plan is not sound. */
export function resolveFusionPlan(plan: FusionConfig, blockNames: string[]): string[][] {
  const issues = validateFusionPlan(plan, blockNames);
  if (issues.length > 0) throw new Error(`Invalid fusion plan: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return plan.groups.map((group, k) => groupBlocks(group.blocks, blockNames, `groups.${k}.blocks`).names);
}

/**
 * The fusion issues of a run's optimizer config for a model's blocks, with paths from the run config
 * (`optimizer.groups.1.blocks`); empty for optimizers that are not fusion plans.
 */
export function optimizerIssuesForBlocks(config: OptimizerConfig, blockNames: string[]): FieldIssue[] {
  if (config.type !== 'fusion') return [];
  return validateFusionPlan(config, blockNames).map((issue) => ({ path: `optimizer.${issue.path}`, message: issue.message }));
}
