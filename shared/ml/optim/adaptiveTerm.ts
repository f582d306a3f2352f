import * as tf from '@tensorflow/tfjs-core';
import type { ParamTensors } from './updateRule.js';

/**
 * The per-element adaptive term ẑ of seed 003's Table 5, computed from a parameter's optimizer state:
 * elements with ẑ > ε get an adaptive learning rate, the others a ≈ constant one (α/ε). Each
 * function returns null when the state it needs does not exist yet (before the first step).
 */
export type AdaptiveTermOf = (tensors: ParamTensors, step: number) => tf.Tensor | null;

/** Adam family: ẑ = √v̂, v̂ = v / (1 − β2^t) (AMSGrad: of the running maximum). */
export function adamFamilyTerm(beta2: number, prefix = '', amsgrad = false): AdaptiveTermOf {
  return (tensors, step) => {
    const v = (amsgrad ? tensors[`${prefix}max_exp_avg_sq`] : undefined) ?? tensors[`${prefix}exp_avg_sq`];
    return v === undefined ? null : tf.sqrt(tf.div(v, 1 - beta2 ** step));
  };
}

/** RMSprop (`square_avg`) and AdaGrad (`sum`): ẑ = √v. */
export function rootTerm(key: string): AdaptiveTermOf {
  return (tensors) => (tensors[key] === undefined ? null : tf.sqrt(tensors[key]));
}

/**
 * AdaBelief, EAdam, AdaMomentum: ẑ = (1 − β2)·v̂. The state keeps s, which includes the ε added at
 * every step: v̂ = s/(1 − β2^t) − ε/(1 − β2), so ẑ = (1 − β2)·s/(1 − β2^t) − ε (clamped at 0).
 */
export function epsilonInVarianceTerm(beta2: number, eps: number): AdaptiveTermOf {
  return (tensors, step) => {
    const s = tensors.exp_avg_var;
    return s === undefined ? null : tf.relu(tf.sub(tf.mul(s, (1 - beta2) / (1 - beta2 ** step)), eps));
  };
}

/** MADGRAD: ẑ = ∛ν. */
export function cubeRootTerm(): AdaptiveTermOf {
  return (tensors) => (tensors.grad_sum_sq === undefined ? null : tf.pow(tensors.grad_sum_sq, 1 / 3));
}
