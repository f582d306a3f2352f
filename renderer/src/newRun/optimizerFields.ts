import { z } from 'zod';
import { optimizerConfigSchema, type OptimizerType } from '../../../shared/config/optimizerConfig.js';

/** One input of an optimizer's hyperparameters in the New Run form. */
export type OptimizerField =
  | { key: string; label: string; help: string; kind: 'number'; defaultValue: number | undefined; optional: boolean }
  | { key: string; label: string; help: string; kind: 'boolean'; defaultValue: boolean }
  | { key: string; label: string; help: string; kind: 'choice'; defaultValue: string; choices: string[] };

export interface OptimizerTypeFields {
  type: OptimizerType;
  title: string;
  description: string;
  fields: OptimizerField[];
}

/** Labels and help for hyperparameters, by the names torch.optim gives them. */
const fieldText: Record<string, { label: string; help: string }> = {
  lr: { label: 'Learning rate η', help: 'Step size.' },
  lrSgd: { label: 'SGD learning rate ηs', help: 'Learning rate of the SGD part; η when empty.' },
  lrAdam: { label: 'Adam learning rate ηa', help: 'Learning rate of the Adam part; η when empty.' },
  lambdaAdam: { label: 'λa (Adam weight)', help: 'Weight of the Adam part; the paper uses λa + λs = 1.' },
  lambdaSgd: { label: 'λs (SGD weight)', help: 'Weight of the SGD part; the paper uses λa + λs = 1.' },
  momentum: { label: 'Momentum μ', help: 'Heavy-ball momentum factor (0 = none).' },
  dampening: { label: 'Dampening', help: 'Dampening of the momentum buffer.' },
  nesterov: { label: 'Nesterov', help: 'Nesterov momentum (needs μ > 0 and no dampening).' },
  weightDecay: { label: 'Weight decay', help: 'L2 penalty added to the gradient.' },
  beta1: { label: 'β1', help: 'Decay of the first-moment average.' },
  beta2: { label: 'β2', help: 'Decay of the second-moment average.' },
  eps: { label: 'ε', help: 'Added to the denominator for numerical stability.' },
  amsgrad: { label: 'AMSGrad', help: 'Use the maximum of past second moments.' },
};

const typeText: Record<string, { title: string; description: string }> = {
  sgd: { title: 'SGD', description: 'Stochastic gradient descent with optional (Nesterov) momentum.' },
  adam: { title: 'Adam', description: 'Adaptive moment estimation (torch.optim.Adam semantics).' },
  mas: { title: 'MAS', description: 'Mixing Adam and SGD: (λs·ηs + λa·ηa)·(λs·d_sgd + λa·d_adam).' },
};

/**
 * The form fields of every optimizer type, read from the config schema itself: a new type in
 * `optimizerConfigSchema` appears in the form with its defaults. Fields that are not a number, a
 * boolean or a choice keep their schema default (or stay unset when optional); a type with a required
 * field of another kind (a mixer's parts, a fusion plan's groups) needs its own editor and is left out.
 */
export function optimizerTypeFields(): OptimizerTypeFields[] {
  const result: OptimizerTypeFields[] = [];
  for (const option of optimizerConfigSchema.options) {
    const type = option.shape.type.value as OptimizerType;
    const fields: OptimizerField[] = [];
    let editable = true;
    for (const [key, schema] of Object.entries(option.shape as Record<string, z.ZodType>)) {
      if (key === 'type') continue;
      const field = fieldFromSchema(key, schema);
      if (field) fields.push(field);
      else if (!(schema instanceof z.ZodDefault || schema instanceof z.ZodOptional)) editable = false;
    }
    const text = typeText[type] ?? { title: type, description: '' };
    if (editable) result.push({ type, ...text, fields });
  }
  return result;
}

function fieldFromSchema(key: string, schema: z.ZodType): OptimizerField | null {
  const text = fieldText[key] ?? { label: key, help: '' };
  let inner: z.ZodType = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      defaultValue = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  if (inner instanceof z.ZodNumber) {
    return { key, ...text, kind: 'number', defaultValue: typeof defaultValue === 'number' ? defaultValue : undefined, optional };
  }
  if (inner instanceof z.ZodBoolean) return { key, ...text, kind: 'boolean', defaultValue: defaultValue === true };
  if (inner instanceof z.ZodEnum) {
    const choices = inner.options.map(String);
    return { key, ...text, kind: 'choice', choices, defaultValue: typeof defaultValue === 'string' ? defaultValue : choices[0] };
  }
  return null;
}
