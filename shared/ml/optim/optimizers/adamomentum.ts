import { adamFamily, decoupledWeightDecay, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { epsilonInVarianceTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { epsilonInVarianceStep } from '../rules/epsilonInVariance.js';

/**
 * AdaMomentum (Wang et al. 2021), as seed 003's Table 5 writes it: the second moment averages the
 * momentum instead of the gradient,
 *   m = β1·m + (1 − β1)·g,  s = β2·s + (1 − β2)·m² + ε
 *   w ← w − η/(1 − β1^t) · m / √(s / (1 − β2^t))
 */
export const adamomentum = defineOptimizer({
  schema: optimizerSchema('adamomentum', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    decoupledWeightDecay: decoupledWeightDecay(),
  }),
  title: 'AdaMomentum',
  description: 'Adam whose second moment averages m² instead of g², with ε added each step.',
  reference: 'Wang et al. 2021; seed 003 Table 5',
  createRule: (h) => ({ kind: 'adamomentum', baseLr: h.lr, compute: (input) => epsilonInVarianceStep(h, input, 'momentum', false) }),
  adaptiveTerm: (h) => epsilonInVarianceTerm(h.beta2, h.eps),
});
