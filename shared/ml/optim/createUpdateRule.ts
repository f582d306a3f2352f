import type { MixerConfig, SingleOptimizerConfig } from '../../config/optimizerConfig.js';
import type { AdaptiveTermOf } from './adaptiveTerm.js';
import { optimizerDefinition } from './optimizerRegistry.js';
import { constantWeights, mixerRule } from './rules/mixer.js';
import { scheduledWeights } from './rules/weightSchedule.js';
import { unprefixState, type UpdateRule } from './updateRule.js';

/** The update rule of one optimizer config that is not a fusion plan (fusion partitions parameters instead). */
export function createUpdateRule(config: SingleOptimizerConfig | MixerConfig): UpdateRule {
  const rule = config.type === 'mixer' ? createMixerRule(config) : optimizerDefinition(config.type).createRule(config);
  const term = adaptiveTermFor(config);
  return term === undefined ? rule : { ...rule, adaptiveTerm: term };
}

function createMixerRule(config: MixerConfig): UpdateRule {
  const start = config.parts.map((p) => p.weight);
  const s = config.weightSchedule;
  const weights = s === undefined ? constantWeights(start) : scheduledWeights(start, s.endWeights, s.steps, s.shape);
  const parts = config.parts.map((p, k) => ({ prefix: `${k}.${p.optimizer.type}.`, rule: createUpdateRule(p.optimizer) }));
  return mixerRule(parts, weights, 'mixer');
}

/** Which ẑ of seed 003's Table 5 an optimizer has (its definition's; a mixer: its first adaptive part's). */
function adaptiveTermFor(config: SingleOptimizerConfig | MixerConfig, prefix = ''): AdaptiveTermOf | undefined {
  if (config.type === 'mixer') {
    for (const [k, part] of config.parts.entries()) {
      const term = adaptiveTermFor(part.optimizer, `${prefix}${k}.${part.optimizer.type}.`);
      if (term) return term;
    }
    return undefined;
  }
  const term = optimizerDefinition(config.type).adaptiveTerm?.(config);
  return term === undefined || prefix === '' ? term : (tensors, step) => term(unprefixState(prefix, tensors), step);
}
