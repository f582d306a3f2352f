import * as tf from '@tensorflow/tfjs-core';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../config/optimizerConfig.js';
import '../models/gradients/registerTfjsGradients.js';
import type { ModelParam } from '../models/model.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import type { Surface } from './surface.js';

/** One point of a path: x, y and the loss there. */
export type TrajectoryPoint = [number, number, number];

/**
 * The path of an optimizer on a surface, with the real optimizers: a 'point' parameter named
 * `point/xy` in block `point` starts at `start` (the surface's default) and takes `steps` steps.
 * Returns steps + 1 points, the start first. Stops early (shorter path) when the loss or the point
 * is no longer finite. Disposes everything it creates.
 */
export function runTrajectory(surface: Surface, optimizerConfig: OptimizerConfigInput, steps: number, start?: [number, number]): TrajectoryPoint[] {
  const config = optimizerConfigSchema.parse(optimizerConfig);
  const [x0, y0] = start ?? surface.start;
  const init = tf.tensor1d([x0, y0], 'float32');
  const variable = tf.variable(init, true, `point/xy/${Math.random().toString(36).slice(2)}`);
  init.dispose();
  const param: ModelParam = { name: 'point/xy', block: 'point', variable };
  const optimizer = createOptimizer(config, [param], ['point']);
  const path: TrajectoryPoint[] = [];
  try {
    for (let step = 0; step <= steps; step++) {
      const { value, grads } = tf.variableGrads(() => surface.loss(variable), [variable]);
      const loss = value.dataSync()[0];
      const [x, y] = variable.dataSync();
      path.push([x, y, loss]);
      const grad = grads[variable.name];
      if (step < steps && Number.isFinite(loss) && Number.isFinite(x) && Number.isFinite(y)) optimizer.step({ [param.name]: grad });
      tf.dispose([value, ...Object.values(grads)]);
      if (!Number.isFinite(loss) || !Number.isFinite(x) || !Number.isFinite(y)) break;
    }
  } finally {
    optimizer.dispose();
    variable.dispose();
  }
  return path;
}

/** Euclidean distance from a path's last point to the surface's minimum. */
export function distanceToMinimum(surface: Surface, path: TrajectoryPoint[]): number {
  const [x, y] = path[path.length - 1];
  return Math.hypot(x - surface.minimum[0], y - surface.minimum[1]);
}
