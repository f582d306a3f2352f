import type { OptimizerConfig } from '../../config/optimizerConfig.js';
import { optimizerDefinition } from '../../ml/optim/optimizerRegistry.js';

/**
 * The run's ε: the optimizer's `eps`; for a mixer or a fusion plan, the first adaptive part's (the
 * histograms' fractions are taken at it). Null when no part has one (SGD, Lion).
 */
export function runEpsilon(config: OptimizerConfig): number | null {
  if (config.type !== 'mixer' && config.type !== 'fusion') return hasAdaptiveTerm(config) && 'eps' in config ? config.eps : null;
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
  return optimizerDefinition(config.type).adaptiveTerm !== undefined;
}

/**
 * The ε each parameter's fraction is taken at: its fusion group's optimizer's (by the parameter's
 * block), else the run's. `blockNames` is the model's block order (fusion ranges index into it).
 */
export function parameterEpsilons(
  config: OptimizerConfig,
  params: readonly { name: string; block: string }[],
  resolveGroups: (blockNames: string[]) => string[][],
  blockNames: string[],
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (config.type !== 'fusion') {
    const eps = runEpsilon(config);
    for (const p of params) out.set(p.name, eps);
    return out;
  }
  const groups = resolveGroups(blockNames);
  const epsOfBlock = new Map<string, number | null>();
  groups.forEach((blocks, k) => {
    for (const block of blocks) epsOfBlock.set(block, runEpsilon(config.groups[k].optimizer));
  });
  for (const p of params) out.set(p.name, epsOfBlock.get(p.block) ?? null);
  return out;
}
