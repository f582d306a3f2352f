import { adamFamily, amsgrad, learningRate, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { adamRule } from './adam.js';

/**
 * AdamW as torch.optim.AdamW: Adam's step (see `adamStep`) with weight decay decoupled from the
 * gradient, w ← w·(1 − η·wd) before the step; wd defaults to 0.01.
 */
export const adamw = defineOptimizer({
  schema: optimizerSchema('adamw', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    weightDecay: weightDecay(0.01, 'Decoupled: the weights shrink by η·wd each step.'),
    amsgrad: amsgrad(),
  }),
  title: 'AdamW',
  description: 'Adam with decoupled weight decay.',
  reference: 'Loshchilov & Hutter 2019; torch.optim.AdamW',
  createRule: (h) => adamRule({ ...h, decoupled: true }),
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2, '', h.amsgrad),
});
