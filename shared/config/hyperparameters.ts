import { z } from 'zod';
import { described, type FieldDescription } from './fieldDescriptions.js';

/**
 * Building blocks of the optimizers' config schemas, named as PyTorch's torch.optim names the
 * hyperparameters (in camelCase). Each refuses the values PyTorch's constructor refuses, with a message
 * naming the field and the value ("Invalid beta parameter at index 0: 1.2"), and carries its form text
 * (label, one line of help, log scale, when it matters) as metadata (`fieldDescriptions.ts`).
 */

/**
 * The config object of one optimizer: `type` and the given fields, strict (an unknown field is refused;
 * `unknownFields.ts` explains it with the field meant).
 */
export function optimizerSchema<Type extends string, Shape extends z.ZodRawShape>(type: Type, shape: Shape) {
  return z.strictObject({ type: z.literal(type), ...shape });
}

export const finite = (label: string) => z.number({ error: `${label} must be a number` }).finite({ error: `${label} must be finite` });

/** A number ≥ 0, refused in PyTorch's words ("Invalid weight_decay value: -1"). */
export function atLeastZero(label: string, torchName: string) {
  return finite(label).refine((v) => v >= 0, { error: (iss) => `Invalid ${torchName} value: ${String(iss.input)}` });
}

export function learningRate(text: FieldDescription = { label: 'Learning rate η', help: 'Step size.', logScale: true }) {
  return described(
    finite('learning rate').refine((v) => v > 0, { error: (iss) => `Invalid learning rate: ${String(iss.input)}` }),
    text,
  );
}

export function weightDecay(defaultValue = 0, help = 'L2 penalty added to the gradient.') {
  return described(atLeastZero('weight decay', 'weight_decay'), { label: 'Weight decay', help, logScale: true }).default(defaultValue);
}

export function epsilon(defaultValue: number, help = 'Added to the denominator; large ε makes the optimizer behave like SGD (seed 003).') {
  return described(atLeastZero('epsilon', 'epsilon'), { label: 'ε', help, logScale: true }).default(defaultValue);
}

export function momentum(defaultValue = 0, help = 'Heavy-ball momentum factor (0 = none).') {
  return described(atLeastZero('momentum', 'momentum'), { label: 'Momentum μ', help }).default(defaultValue);
}

export function dampening() {
  return described(
    finite('dampening').refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid dampening value: ${String(iss.input)} (must be in [0, 1])` }),
    { label: 'Dampening', help: 'Fraction of the new gradient left out of the momentum buffer.' },
  ).default(0);
}

export function nesterov() {
  return flag({ label: 'Nesterov', help: 'Nesterov momentum (needs μ > 0 and no dampening).' });
}

const betaHelp = ['Decay of the first-moment (momentum) average.', 'Decay of the second-moment average.', 'Decay of the third average.'];

/** β at PyTorch's `betas[index]`: in [0, 1). */
export function beta(index: number, defaultValue: number, help = betaHelp[index]) {
  return described(
    finite(`beta${index + 1}`).refine((v) => v >= 0 && v < 1, {
      error: (iss) => `Invalid beta parameter at index ${index}: ${String(iss.input)} (must be in [0, 1))`,
    }),
    { label: `β${index + 1}`, help },
  ).default(defaultValue);
}

/** A mixing weight λ: in [0, 1]. */
export function lambda(label: string) {
  return finite(label).refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid ${label}: ${String(iss.input)} (must be in [0, 1])` });
}

/** A boolean switch, off by default. */
export function flag(text: FieldDescription) {
  return described(z.boolean(), text).default(false);
}

export function decoupledWeightDecay() {
  return flag({ label: 'Decoupled weight decay', help: 'Shrink the weights by η·wd each step (AdamW style) instead of an L2 gradient term.' });
}

export function amsgrad() {
  return flag({ label: 'AMSGrad', help: 'Use the maximum of past second moments.' });
}

/** β1 = 0.9, β2 = 0.999, ε = 1e-8 and L2 weight decay 0: the fields every Adam-like optimizer has. */
export function adamFamily(eps = 1e-8) {
  return { beta1: beta(0, 0.9), beta2: beta(1, 0.999), eps: epsilon(eps), weightDecay: weightDecay() };
}

/** As PyTorch's SGD: Nesterov momentum needs a momentum and zero dampening. */
export const nesterovNeedsMomentum = (c: { nesterov: boolean; momentum: number; dampening: number }) => !c.nesterov || (c.momentum > 0 && c.dampening === 0);
export const nesterovIssue = { message: 'Nesterov momentum requires a momentum and zero dampening', path: ['nesterov'] };

/** How the two λ of MAS (or the K weights of a mixer) move from their start to their end values. */
export const weightScheduleShapes = ['linear', 'cosine', 'step'] as const;
