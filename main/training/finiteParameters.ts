import * as tf from '@tensorflow/tfjs-core';
import type { ModelParam } from '../../shared/ml/models/model.js';
import { DivergedError } from './divergence.js';

/** Ends the run as `diverged`, naming the parameter, an element and its value, when any parameter holds NaN or ±Infinity. */
export function assertFiniteParameters(params: readonly ModelParam[], step: number, epoch: number): void {
  for (const param of params) {
    const bad = tf.tidy(() => tf.any(tf.logicalNot(tf.isFinite(param.variable))).dataSync()[0] === 1);
    if (!bad) continue;
    const values = param.variable.dataSync();
    const index = values.findIndex((v) => !Number.isFinite(v));
    throw new DivergedError(`Parameter ${param.name}[${index}] became ${values[index]} at step ${step} (epoch ${epoch})`);
  }
}
