import type { OptimizerConfig } from '../../config/optimizerConfig.js';

/** Optimizer types without an adaptive term (their ẑ does not exist). */
export const nonAdaptiveOptimizerTypes: readonly string[] = ['sgd'];

/**
 * The run's ε: the optimizer's `eps`; for a mixer or a fusion plan, the first adaptive part's (the
 * histograms' fractions are taken at it). Null when no part has one (SGD).
 */
export function runEpsilon(config: OptimizerConfig): number | null {
  if ('eps' in config && typeof config.eps === 'number') return config.eps;
  if (config.type === 'mixer') {
    for (const part of config.parts) {
      const eps = runEpsilon(part.optimizer);
      if (eps !== null) return eps;
    }
  }
  if (config.type === 'fusion') {
    for (const group of config.groups) {
      const eps = runEpsilon(group.optimizer);
      if (eps !== null) return eps;
    }
  }
  return null;
}

/** True when some part of the optimizer is adaptive (has a ẑ to capture). */
export function hasAdaptiveTerm(config: OptimizerConfig): boolean {
  if (config.type === 'mixer') return config.parts.some((p) => hasAdaptiveTerm(p.optimizer));
  if (config.type === 'fusion') return config.groups.some((g) => hasAdaptiveTerm(g.optimizer));
  return !nonAdaptiveOptimizerTypes.includes(config.type);
}
