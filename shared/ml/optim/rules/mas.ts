import type { UpdateRule } from '../updateRule.js';
import { adamRule, type AdamHyper } from './adam.js';
import { mixerRule, type MixWeights } from './mixer.js';
import { sgdRule, type SgdHyper } from './sgd.js';

export interface MasHyper {
  sgd: SgdHyper;
  adam: AdamHyper;
  /** [λs, λa] at a 1-based step. */
  lambdas: MixWeights;
}

/**
 * MAS, Mixing ADAM and SGD (seed 000, Alg. 3, Eq. 19):
 *   d_sgd  = SGD's direction (with L2 weight decay, momentum, dampening, nesterov), η_sgd its lr
 *   d_adam = m / (√v / √(1 − β2^t) + ε),  η_a = η_adam / (1 − β1^t)   (L2 weight decay, amsgrad)
 *   w ← w − (λs·η_sgd + λa·η_a) · (λs·d_sgd + λa·d_adam)
 * State: `sgd.momentum_buffer`, `adam.exp_avg`, `adam.exp_avg_sq`, `adam.max_exp_avg_sq`.
 */
export function masRule(h: MasHyper): UpdateRule {
  return mixerRule(
    [
      { prefix: 'sgd.', rule: sgdRule(h.sgd) },
      { prefix: 'adam.', rule: adamRule(h.adam) },
    ],
    h.lambdas,
    'mas',
  );
}
