import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { described } from '../../../config/fieldDescriptions.js';
import { adamFamily, amsgrad, dampening, finite, lambda, learningRate, momentum, nesterov, nesterovIssue, nesterovNeedsMomentum, optimizerSchema, weightScheduleShapes } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { coordinateMask } from '../rules/coordinateMask.js';
import { constantWeights, mixerRule, type MixWeights } from '../rules/mixer.js';
import { scheduledWeights } from '../rules/weightSchedule.js';
import { prefixState, prefixedScalars, unprefixState, type RuleInput, type RuleStep, type UpdateRule } from '../updateRule.js';
import { adamRule, adamStep, type AdamHyper } from './adam.js';
import { sgdRule, sgdStep, type SgdHyper } from './sgd.js';

export const masVariants = ['standard', 'linear', 'direction-correction', 'vector-combination', 'adam-normalized'] as const;
export type MasVariant = (typeof masVariants)[number];

export interface MasHyper {
  /** The MAS learning rate η (reported as the run's lr; the parts carry their own ηs, ηa). */
  lr: number;
  sgd: SgdHyper;
  adam: AdamHyper;
  /** [λs, λa] at a 1-based step. */
  lambdas: MixWeights;
  variant: MasVariant;
  /** Outer scale γ on the step (seed 001's `linear` MAS; 1 for seed 000's). */
  gamma: number;
  /** `vector-combination`: fraction p of coordinates taking Adam's step, and the mask's seed. */
  adamFraction: number;
  maskSeed: number;
}

/**
 * MAS, Mixing ADAM and SGD (seed 000, Alg. 3, Eq. 19):
 *   d_sgd  = SGD's direction (with L2 weight decay, momentum, dampening, nesterov), η_sgd its lr
 *   d_adam = m / (√v / √(1 − β2^t) + ε),  η_a = η_adam / (1 − β1^t)   (L2 weight decay, amsgrad)
 *   w ← w − γ·(λs·η_sgd + λa·η_a) · (λs·d_sgd + λa·d_adam)        (γ = 1 in seed 000)
 * Seed 001's variants replace the mix, per tensor, with S_sgd = η_sgd·d_sgd and S_adam = η_a·d_adam:
 *   direction-correction: w ← w − γ·(⟨d_adam, d_sgd⟩ > 0 ? S_sgd : S_adam)
 *   vector-combination:   w ← w − γ·(mask ⊙ S_adam + (1 − mask) ⊙ S_sgd), a fixed seeded mask with a
 *                         fraction p of ones
 *   adam-normalized:      w ← w − γ·d_sgd · ‖S_adam‖ / ‖d_sgd‖
 * State: `sgd.momentum_buffer`, `adam.exp_avg`, `adam.exp_avg_sq`, `adam.max_exp_avg_sq`, `mask`.
 */
function masRule(h: MasHyper): UpdateRule {
  if (h.variant === 'standard' || h.variant === 'linear') {
    const mix = mixerRule(
      [
        { prefix: 'sgd.', rule: sgdRule(h.sgd) },
        { prefix: 'adam.', rule: adamRule(h.adam) },
      ],
      h.lambdas,
      'mas',
    );
    if (h.gamma === 1) return { ...mix, baseLr: h.lr };
    const fused = mix.fused;
    return {
      kind: 'mas',
      baseLr: h.lr,
      partLrs: mix.partLrs,
      compute: (input) => scaledLr(mix.compute, input, h.gamma),
      fused: fused === undefined ? undefined : (input) => {
        const out = fused(input);
        return out === undefined ? undefined : { ...out, lr: out.lr * h.gamma };
      },
    };
  }
  return { kind: 'mas', baseLr: h.lr, compute: (input) => masVariantStep(h, input) };
}

function scaledLr(compute: UpdateRule['compute'], input: RuleInput, gamma: number): RuleStep {
  const out = compute(input);
  return { ...out, lr: out.lr * gamma };
}

function masVariantStep(h: MasHyper, input: RuleInput): RuleStep {
  const sgd = sgdStep(h.sgd, { ...input, tensors: unprefixState('sgd.', input.tensors), scalars: prefixedScalars('sgd.', input.scalars) });
  const adam = adamStep(h.adam, { ...input, tensors: unprefixState('adam.', input.tensors), scalars: prefixedScalars('adam.', input.scalars) });
  const tensors = { ...prefixState('sgd.', sgd.tensors), ...prefixState('adam.', adam.tensors) };
  const sgdScale = sgd.scale ?? 1;
  const adamScale = adam.scale ?? 1;
  let step: tf.Tensor;
  if (h.variant === 'direction-correction') {
    // scales are positive, so the sign of the inner product needs no rescaling
    const sgdWins = tf.cast(tf.greater(tf.sum(tf.mul(adam.direction, sgd.direction)), 0), 'float32');
    const sSgd = tf.mul(sgd.direction, sgd.lr * sgdScale);
    const sAdam = tf.mul(adam.direction, adam.lr * adamScale);
    step = tf.add(sAdam, tf.mul(tf.sub(sSgd, sAdam), sgdWins));
  } else if (h.variant === 'vector-combination') {
    const mask = input.tensors.mask ?? tf.tensor(coordinateMask(input.param.size, h.adamFraction, h.maskSeed, input.name), input.param.shape, 'float32');
    Object.assign(tensors, { mask });
    const sSgd = tf.mul(sgd.direction, sgd.lr * sgdScale);
    const sAdam = tf.mul(adam.direction, adam.lr * adamScale);
    step = tf.add(sSgd, tf.mul(tf.sub(sAdam, sSgd), mask));
  } else {
    const adamNorm = tf.mul(tf.norm(adam.direction), adam.lr * adamScale);
    step = tf.mul(sgd.direction, tf.divNoNan(adamNorm, tf.norm(sgd.direction)));
  }
  const lr = h.lr * input.lrFactor;
  if (lr === 0) return { direction: tf.zerosLike(input.param), lr: 0, decay: 1, tensors };
  // Reported as lr·d with the MAS learning rate η, so that mixers and schedules see one η.
  return { direction: tf.mul(step, h.gamma / lr), lr, decay: 1, tensors };
}

const onlyVectorCombination = { key: 'variant', values: ['vector-combination'] } as const;

export const mas = defineOptimizer({
  schema: optimizerSchema('mas', {
    lr: learningRate().default(0.01),
    /** Separate learning rates for the two parts; both default to lr. */
    lrSgd: learningRate({ label: 'SGD learning rate ηs', help: 'Learning rate of the SGD part; η when empty.', logScale: true }).optional(),
    lrAdam: learningRate({ label: 'Adam learning rate ηa', help: 'Learning rate of the Adam part; η when empty.', logScale: true }).optional(),
    lambdaAdam: described(lambda('λa (lambdaAdam)'), { label: 'λa (Adam weight)', help: 'Weight of the Adam part; the paper keeps λa + λs = 1.' }).default(0.5),
    lambdaSgd: described(lambda('λs (lambdaSgd)'), { label: 'λs (SGD weight)', help: 'Weight of the SGD part; the paper keeps λa + λs = 1.' }).default(0.5),
    momentum: momentum(),
    dampening: dampening(),
    nesterov: nesterov(),
    ...adamFamily(),
    amsgrad: amsgrad(),
    /** Seed 001's variants; `standard` is seed 000's Alg. 3. */
    variant: described(z.enum(masVariants), { label: 'Variant', help: 'standard (seed 000) or one of seed 001’s variants.' }).default('standard'),
    /** Outer scale γ of the `linear` variant. */
    gamma: described(
      finite('γ (gamma)').refine((v) => v > 0, { error: (iss) => `Invalid γ (gamma): ${String(iss.input)} (must be > 0)` }),
      { label: 'Outer scale γ', help: 'Multiplies the whole MAS step (seed 001 uses 0.6).' },
    ).default(1),
    /** Fraction p of coordinates sent to Adam's step by the `vector-combination` variant. */
    adamFraction: described(lambda('adam fraction p (adamFraction)'), {
      label: 'Adam fraction p',
      help: 'Share of coordinates that take Adam’s step (fixed seeded mask).',
      relevantWhen: onlyVectorCombination,
    }).default(0.5),
    /** Seed of the fixed coordinate mask of `vector-combination`. */
    maskSeed: described(z.number().int().min(0).max(2 ** 31 - 1), { label: 'Mask seed', help: 'Seed of the coordinate mask.', relevantWhen: onlyVectorCombination }).default(0),
    /** Optional λ schedule: λa, λs move from the values above to these over `steps` optimizer steps. */
    lambdaSchedule: z
      .strictObject({
        shape: described(z.enum(weightScheduleShapes), { label: 'λ schedule shape', help: 'How λa, λs move to their end values (empty: linear).' }).default('linear'),
        lambdaAdamEnd: described(lambda('λa at the end (lambdaSchedule.lambdaAdamEnd)'), { label: 'λa at the end', help: 'λa after the schedule’s steps (empty, with the others: no λ schedule).' }),
        lambdaSgdEnd: described(lambda('λs at the end (lambdaSchedule.lambdaSgdEnd)'), { label: 'λs at the end', help: 'λs after the schedule’s steps.' }),
        steps: described(z.number().int().min(1, { error: 'λ schedule steps must be >= 1' }), { label: 'λ schedule steps', help: 'Optimizer steps over which λa, λs move.' }),
      })
      .optional(),
  }).refine(nesterovNeedsMomentum, nesterovIssue),
  title: 'MAS',
  description: 'Mixing Adam and SGD: w ← w − (λs·ηs + λa·ηa)·(λs·d_sgd + λa·d_adam), and seed 001’s variants.',
  reference: 'Landro, Gallo, La Grassa (seed 000, Alg. 3); Kone, Zhu, Chan (seed 001)',
  createRule: (config) => {
    const sgd = { lr: config.lrSgd ?? config.lr, momentum: config.momentum, dampening: config.dampening, nesterov: config.nesterov, weightDecay: config.weightDecay };
    const adam = { lr: config.lrAdam ?? config.lr, beta1: config.beta1, beta2: config.beta2, eps: config.eps, weightDecay: config.weightDecay, amsgrad: config.amsgrad };
    const start = [config.lambdaSgd, config.lambdaAdam];
    const s = config.lambdaSchedule;
    const lambdas = s === undefined ? constantWeights(start) : scheduledWeights(start, [s.lambdaSgdEnd, s.lambdaAdamEnd], s.steps, s.shape);
    return masRule({ lr: config.lr, sgd, adam, lambdas, variant: config.variant, gamma: config.gamma, adamFraction: config.adamFraction, maskSeed: config.maskSeed });
  },
  adaptiveTerm: (config) => adamFamilyTerm(config.beta2, 'adam.', config.amsgrad),
});
