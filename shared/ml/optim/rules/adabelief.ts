import type { UpdateRule } from '../updateRule.js';
import { epsilonInVarianceStep, type EpsilonInVarianceHyper } from './epsilonInVariance.js';

/**
 * AdaBelief (Zhuang et al. 2020, Alg. 2; the official code's ε placement, without rectification):
 *   m = β1·m + (1 − β1)·g,  s = β2·s + (1 − β2)·(g − m)² + ε
 *   w ← w − η/(1 − β1^t) · m / (√(s / (1 − β2^t)) + ε)
 * Weight decay: L2, or decoupled (the official `weight_decouple`) when asked.
 */
export function adabeliefRule(h: EpsilonInVarianceHyper): UpdateRule {
  return { kind: 'adabelief', baseLr: h.lr, compute: (input) => epsilonInVarianceStep(h, input, 'residual', true) };
}
