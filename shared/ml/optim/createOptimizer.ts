import type { OptimizerConfig } from '../../config/optimizerConfig.js';
import type { ModelParam } from '../models/model.js';
import { createUpdateRule } from './createUpdateRule.js';
import type { Optimizer } from './optimizer.js';
import { RuleOptimizer } from './ruleOptimizer.js';

/**
 * The optimizer a run's config asks for, over the model's parameters (torch.optim semantics).
 * The config is expected to be parsed by `optimizerConfigSchema` (defaults filled in, ranges checked).
 */
export function createOptimizer(config: OptimizerConfig, params: ModelParam[]): Optimizer {
  return new RuleOptimizer(createUpdateRule(config), params);
}
