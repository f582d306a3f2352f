import * as tf from '@tensorflow/tfjs-core';
import type { ModelParam } from '../../shared/ml/models/model.js';
import { DivergedError } from './divergence.js';

/**
 * Ends the run as `diverged`, naming the parameter, an element and its value, when any parameter holds
 * NaN or ±Infinity. Reads with `await data()` (the webgpu backend cannot read synchronously in Node).
 */
export async function assertFiniteParameters(params: readonly ModelParam[], step: number, epoch: number): Promise<void> {
  for (const param of params) {
    const flag = tf.tidy(() => tf.any(tf.logicalNot(tf.isFinite(param.variable))));
    const bad = (await flag.data())[0] === 1;
    flag.dispose();
    if (!bad) continue;
    const values = await param.variable.data();
    const index = values.findIndex((v) => !Number.isFinite(v));
    throw new DivergedError(`Parameter ${param.name}[${index}] became ${values[index]} at step ${step} (epoch ${epoch})`);
  }
}
