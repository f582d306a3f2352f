import * as tf from '@tensorflow/tfjs-core';
import type { FusedPart, FusedRuleStep } from '../fusedStep.js';
import { prefixState, prefixedScalars, unprefixState, type FusedRuleInput, type ParamTensors, type RuleStep, type UpdateRule } from '../updateRule.js';

/** Weights λk of the parts at a given 1-based step (constant, or a λ schedule). */
export type MixWeights = (step: number) => number[];

/**
 * A mixer of K update rules (MAS generalised, seed 000's future work): each part k gives its direction
 * dk and effective learning rate ηk from its own state; the step is
 *   w ← w − (Σk λk·ηk) · (Σk λk·dk)
 * so the cross terms λi·λj·ηi·dj are part of it (this is not a weighted sum of finished updates).
 * MAS is K = 2 with SGD and Adam. Decoupled weight decays (AdamW parts) mix the same way:
 * decay = 1 − Σk λk·(1 − decay_k). State tensors of each part are kept under its prefix.
 */
export interface MixerPart {
  /** Prefix of the part's state keys, e.g. `adam.` (so `adam.exp_avg_sq`). */
  prefix: string;
  rule: UpdateRule;
}

export function mixerRule(parts: MixerPart[], weights: MixWeights, kind = 'mixer'): UpdateRule {
  if (parts.length === 0) throw new Error('mixer: needs at least one optimizer');
  const baseLr = parts.reduce((sum, part, k) => sum + weights(1)[k] * part.rule.baseLr, 0);
  return {
    kind,
    baseLr,
    partLrs: parts.map((part) => part.rule.baseLr),
    compute(input): RuleStep {
      const lambdas = weights(input.step);
      // Σ λk·dk is computed as λ0·s0·(d0 + Σ_{k≥1} (λk·sk / (λ0·s0))·dk), sk the parts' scales:
      // one tensor multiplication fewer.
      let lead = 1;
      let direction: tf.Tensor | undefined;
      let lr = 0;
      let decayLoss = 0;
      const tensors: ParamTensors = {};
      parts.forEach(({ prefix, rule }, k) => {
        const out = rule.compute({
          ...input,
          tensors: unprefixState(prefix, input.tensors),
          scalars: prefixedScalars(prefix, input.scalars),
        });
        Object.assign(tensors, prefixState(prefix, out.tensors));
        const lambda = lambdas[k];
        lr += lambda * out.lr;
        decayLoss += lambda * (1 - out.decay);
        const scale = out.scale ?? 1;
        if (k === 0 && lambda !== 0 && scale !== 0) lead = lambda * scale;
        const relative = (lambda * scale) / lead;
        const scaled = relative === 1 ? out.direction : tf.mul(out.direction, relative);
        direction = direction === undefined ? scaled : tf.add(direction, scaled);
      });
      return { direction: direction as tf.Tensor, lr, scale: lead, decay: 1 - decayLoss, tensors };
    },
    fused: parts.every((part) => part.rule.fused !== undefined) ? (input) => mixerFused(parts, weights, input) : undefined,
  };
}

/** compute's mix as data: the same λ arithmetic, each part's direction scaled by its `relative`. */
function mixerFused(parts: MixerPart[], weights: MixWeights, input: FusedRuleInput): FusedRuleStep | undefined {
  const lambdas = weights(input.step);
  let lead = 1;
  let lr = 0;
  let decayLoss = 0;
  const mixed: FusedPart[] = [];
  for (const [k, { prefix, rule }] of parts.entries()) {
    const out = rule.fused?.(input);
    // A part that is itself a mix would round differently from compute's one multiplication.
    if (out === undefined || out.parts.length !== 1 || out.parts[0].relative !== 1) return undefined;
    const lambda = lambdas[k];
    lr += lambda * out.lr;
    decayLoss += lambda * (1 - out.decay);
    if (k === 0 && lambda !== 0 && out.scale !== 0) lead = lambda * out.scale;
    mixed.push({ ...out.parts[0], prefix: `${prefix}${out.parts[0].prefix}`, relative: (lambda * out.scale) / lead });
  }
  return { parts: mixed, lr, scale: lead, decay: 1 - decayLoss };
}

/** The constant weights of a mixer. */
export function constantWeights(lambdas: number[]): MixWeights {
  return () => lambdas;
}
