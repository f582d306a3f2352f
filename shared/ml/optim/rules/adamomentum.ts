import type { UpdateRule } from '../updateRule.js';
import { epsilonInVarianceStep, type EpsilonInVarianceHyper } from './epsilonInVariance.js';

/**
 * AdaMomentum (Wang et al. 2021), as seed 003's Table 5 writes it: the second moment averages the
 * momentum instead of the gradient,
 *   m = β1·m + (1 − β1)·g,  s = β2·s + (1 − β2)·m² + ε
 *   w ← w − η/(1 − β1^t) · m / √(s / (1 − β2^t))
 */
export function adamomentumRule(h: EpsilonInVarianceHyper): UpdateRule {
  return { kind: 'adamomentum', baseLr: h.lr, compute: (input) => epsilonInVarianceStep(h, input, 'momentum', false) };
}
