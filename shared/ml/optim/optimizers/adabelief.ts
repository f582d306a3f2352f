import { adamFamily, decoupledWeightDecay, epsilon, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { epsilonInVarianceTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { epsilonInVarianceStep } from '../rules/epsilonInVariance.js';

/**
 * AdaBelief (Zhuang et al. 2020, Alg. 2; the official code's ε placement, without rectification):
 *   m = β1·m + (1 − β1)·g,  s = β2·s + (1 − β2)·(g − m)² + ε
 *   w ← w − η/(1 − β1^t) · m / (√(s / (1 − β2^t)) + ε)
 * Weight decay: L2, or decoupled (the official `weight_decouple`) when asked.
 */
export const adabelief = defineOptimizer({
  schema: optimizerSchema('adabelief', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    eps: epsilon(1e-16),
    decoupledWeightDecay: decoupledWeightDecay(),
  }),
  title: 'AdaBelief',
  description: 'Adam whose second moment tracks the belief (g − m)², with ε added each step.',
  reference: 'Zhuang et al. 2020; seed 003 Table 5',
  createRule: (h) => ({ kind: 'adabelief', baseLr: h.lr, compute: (input) => epsilonInVarianceStep(h, input, 'residual', true) }),
  adaptiveTerm: (h) => epsilonInVarianceTerm(h.beta2, h.eps),
});
