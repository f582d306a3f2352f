import type { MixerConfig, SingleOptimizerConfig } from '../../config/optimizerConfig.js';
import { adagradRule } from './rules/adagrad.js';
import { adabeliefRule } from './rules/adabelief.js';
import { adamRule } from './rules/adam.js';
import { adamodRule } from './rules/adamod.js';
import { adamomentumRule } from './rules/adamomentum.js';
import { diffgradRule } from './rules/diffgrad.js';
import { eadamRule } from './rules/eadam.js';
import { madgradRule } from './rules/madgrad.js';
import { masRule } from './rules/mas.js';
import { constantWeights, mixerRule } from './rules/mixer.js';
import { nadamRule } from './rules/nadam.js';
import { radamRule } from './rules/radam.js';
import { rmspropRule } from './rules/rmsprop.js';
import { sgdRule } from './rules/sgd.js';
import { swatsRule } from './rules/swats.js';
import { scheduledWeights } from './rules/weightSchedule.js';
import { unprefixState, type UpdateRule } from './updateRule.js';
import { adamFamilyTerm, cubeRootTerm, epsilonInVarianceTerm, rootTerm, type AdaptiveTermOf } from './adaptiveTerm.js';

/** The update rule of one optimizer config that is not a fusion plan (fusion partitions parameters instead). */
export function createUpdateRule(config: SingleOptimizerConfig | MixerConfig): UpdateRule {
  const rule = createBareRule(config);
  const term = adaptiveTermFor(config);
  return term === undefined ? rule : { ...rule, adaptiveTerm: term };
}

/** Which ẑ of seed 003's Table 5 an optimizer has (MAS: its Adam part; a mixer: its first adaptive part). */
function adaptiveTermFor(config: SingleOptimizerConfig | MixerConfig, prefix = ''): AdaptiveTermOf | undefined {
  switch (config.type) {
    case 'sgd':
      return undefined;
    case 'adam':
    case 'adamw':
      return adamFamilyTerm(config.beta2, prefix, config.amsgrad);
    case 'radam':
    case 'nadam':
    case 'diffgrad':
    case 'adamod':
    case 'swats':
      return adamFamilyTerm(config.beta2, prefix);
    case 'mas':
      return adamFamilyTerm(config.beta2, `${prefix}adam.`, config.amsgrad);
    case 'rmsprop':
      return prefixed(rootTerm('square_avg'), prefix);
    case 'adagrad':
      return prefixed(rootTerm('sum'), prefix);
    case 'adabelief':
    case 'adamomentum':
    case 'eadam':
      return prefixed(epsilonInVarianceTerm(config.beta2, config.eps), prefix);
    case 'madgrad':
      return prefixed(cubeRootTerm(), prefix);
    case 'mixer':
      for (const [k, part] of config.parts.entries()) {
        const term = adaptiveTermFor(part.optimizer, `${prefix}${k}.${part.optimizer.type}.`);
        if (term) return term;
      }
      return undefined;
  }
}

function prefixed(term: AdaptiveTermOf, prefix: string): AdaptiveTermOf {
  return prefix === '' ? term : (tensors, step) => term(unprefixState(prefix, tensors), step);
}

function createBareRule(config: SingleOptimizerConfig | MixerConfig): UpdateRule {
  switch (config.type) {
    case 'sgd':
      return sgdRule(config);
    case 'adam':
      return adamRule(config);
    case 'adamw':
      return adamRule({ ...config, decoupled: true });
    case 'radam':
      return radamRule(config);
    case 'nadam':
      return nadamRule(config);
    case 'rmsprop':
      return rmspropRule(config);
    case 'adagrad':
      return adagradRule(config);
    case 'adabelief':
      return adabeliefRule(config);
    case 'adamomentum':
      return adamomentumRule(config);
    case 'eadam':
      return eadamRule(config);
    case 'diffgrad':
      return diffgradRule(config);
    case 'adamod':
      return adamodRule(config);
    case 'madgrad':
      return madgradRule(config);
    case 'swats':
      return swatsRule(config);
    case 'mas': {
      const sgd = { lr: config.lrSgd ?? config.lr, momentum: config.momentum, dampening: config.dampening, nesterov: config.nesterov, weightDecay: config.weightDecay };
      const adam = { lr: config.lrAdam ?? config.lr, beta1: config.beta1, beta2: config.beta2, eps: config.eps, weightDecay: config.weightDecay, amsgrad: config.amsgrad };
      const start = [config.lambdaSgd, config.lambdaAdam];
      const s = config.lambdaSchedule;
      const lambdas = s === undefined ? constantWeights(start) : scheduledWeights(start, [s.lambdaSgdEnd, s.lambdaAdamEnd], s.steps, s.shape);
      return masRule({ lr: config.lr, sgd, adam, lambdas, variant: config.variant, gamma: config.gamma, adamFraction: config.adamFraction, maskSeed: config.maskSeed });
    }
    case 'mixer': {
      const start = config.parts.map((p) => p.weight);
      const s = config.weightSchedule;
      const weights = s === undefined ? constantWeights(start) : scheduledWeights(start, s.endWeights, s.steps, s.shape);
      const parts = config.parts.map((p, k) => ({ prefix: `${k}.${p.optimizer.type}.`, rule: createUpdateRule(p.optimizer) }));
      return mixerRule(parts, weights, 'mixer');
    }
  }
}
