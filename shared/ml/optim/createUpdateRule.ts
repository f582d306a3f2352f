import type { OptimizerConfig } from '../../config/optimizerConfig.js';
import { adamRule } from './rules/adam.js';
import { masRule } from './rules/mas.js';
import { constantWeights } from './rules/mixer.js';
import { sgdRule } from './rules/sgd.js';
import type { UpdateRule } from './updateRule.js';

/** The update rule of one (non-partitioned) optimizer config. */
export function createUpdateRule(config: OptimizerConfig): UpdateRule {
  switch (config.type) {
    case 'sgd':
      return sgdRule(config);
    case 'adam':
      return adamRule(config);
    case 'mas': {
      const sgd = { lr: config.lrSgd ?? config.lr, momentum: config.momentum, dampening: config.dampening, nesterov: config.nesterov, weightDecay: config.weightDecay };
      const adam = { lr: config.lrAdam ?? config.lr, beta1: config.beta1, beta2: config.beta2, eps: config.eps, weightDecay: config.weightDecay, amsgrad: config.amsgrad };
      return masRule({ sgd, adam, lambdas: constantWeights([config.lambdaSgd, config.lambdaAdam]) });
    }
  }
}
