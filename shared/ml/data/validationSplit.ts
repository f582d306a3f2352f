import { InputError } from '../../errors/inputError.js';
import { createRandom, shuffledIndices } from '../random.js';

/** The path of the held-out count in a run config, named by every error about it. */
export const holdOutPath = 'training.validation.holdOut';

/** A training set cut in two: the examples trained on and the held-out ones, each in ascending order. */
export interface ValidationSplit {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * Holds out `holdOut` of `count` training examples: the first `holdOut` of a seeded shuffle of
 * 0..count-1 (its own random stream, apart from the training shuffles), so the same count and seed
 * always hold out the same examples and no example is in both parts. Refuses a count that leaves no
 * example to train on, naming the config field.
 */
export function splitValidation(count: number, holdOut: number, seed: number): ValidationSplit {
  const message = holdOutProblem(count, holdOut);
  if (message) throw new InputError(`Invalid ${holdOutPath}: ${message}`, [{ path: holdOutPath, message }]);
  const order = shuffledIndices(count, createRandom((seed ^ 0x5eed_7a11) >>> 0));
  return { validation: order.slice(0, holdOut).sort(), train: order.slice(holdOut).sort() };
}

/** Why `holdOut` examples cannot be held out of a training set of `count` (null when they can). */
export function holdOutProblem(count: number, holdOut: number): string | null {
  if (Number.isInteger(holdOut) && holdOut >= 1 && holdOut < count) return null;
  return `${holdOut} examples held out of a training set of ${count}: hold out at least 1 and fewer than ${count}`;
}
