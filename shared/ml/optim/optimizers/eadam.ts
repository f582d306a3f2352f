import { adamFamily, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { epsilonInVarianceTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { epsilonInVarianceStep } from '../rules/epsilonInVariance.js';

/**
 * EAdam (Yuan & Gao 2020), as seed 003's Table 5 writes it: Adam with ε added to the second moment
 * at every step,
 *   m = β1·m + (1 − β1)·g,  s = β2·s + (1 − β2)·g² + ε
 *   w ← w − η/(1 − β1^t) · m / √(s / (1 − β2^t))
 * (EAdam's own code also adds ε outside the root; Table 5 leaves it out, and so does this rule.)
 */
export const eadam = defineOptimizer({
  schema: optimizerSchema('eadam', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
  }),
  title: 'EAdam',
  description: 'Adam with ε added to the second moment at every step.',
  reference: 'Yuan & Gao 2020; seed 003 Table 5',
  createRule: (h) => ({ kind: 'eadam', baseLr: h.lr, compute: (input) => epsilonInVarianceStep({ ...h, decoupledWeightDecay: false }, input, 'gradient', false) }),
  adaptiveTerm: (h) => epsilonInVarianceTerm(h.beta2, h.eps),
});
