import type { FusionConfig, OptimizerConfig } from '../../config/optimizerConfig.js';
import type { ModelParam } from '../models/model.js';
import { createUpdateRule } from './createUpdateRule.js';
import { FusionOptimizer } from './fusion/fusionOptimizer.js';
import { resolveFusionPlan } from './fusion/fusionPlan.js';
import type { Optimizer } from './optimizer.js';
import { RuleOptimizer } from './ruleOptimizer.js';

/**
 * The optimizer a run's config asks for, over the model's parameters (torch.optim semantics).
 * The config is expected to be parsed by `optimizerConfigSchema` (defaults filled in, ranges checked).
 * A fusion plan needs the model's block order (`blockNames`, as `model.blocks`); without it the
 * blocks are taken in the order the parameters first name them.
 */
export function createOptimizer(config: OptimizerConfig, params: ModelParam[], blockNames?: string[]): Optimizer {
  if (config.type === 'fusion') return createFusionOptimizer(config, params, blockNames ?? blocksInOrder(params));
  return new RuleOptimizer(createUpdateRule(config), params);
}

function blocksInOrder(params: ModelParam[]): string[] {
  return [...new Set(params.map((p) => p.block))];
}

function createFusionOptimizer(plan: FusionConfig, params: ModelParam[], blockNames: string[]): Optimizer {
  const groupBlocks = resolveFusionPlan(plan, blockNames);
  const groups = plan.groups.map((group, k) => {
    const blocks = new Set(groupBlocks[k]);
    const own = params.filter((p) => blocks.has(p.block));
    return { params: own, optimizer: new RuleOptimizer(createUpdateRule(group.optimizer), own) };
  });
  const orphans = params.filter((p) => !groupBlocks.some((names) => names.includes(p.block)));
  if (orphans.length > 0) throw new Error(`Invalid fusion plan: parameters ${orphans.map((p) => p.name).join(', ')} belong to no listed block`);
  return new FusionOptimizer(groups);
}
