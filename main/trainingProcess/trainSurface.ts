import * as tf from '@tensorflow/tfjs-core';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import { createPointModel } from '../../shared/ml/models/pointModel.js';
import { createOptimizer } from '../../shared/ml/optim/createOptimizer.js';
import { clipGradientNorm } from '../../shared/ml/optim/clipGradientNorm.js';
import { learningRateFactor } from '../../shared/ml/optim/schedules/learningRateFactor.js';
import { surfaces } from '../../shared/ml/surfaces/surfaces.js';
import { metricKeys } from '../../shared/runs/runTypes.js';
import { assertFinite, checkpointYield, LossExplosionRule } from './divergence.js';
import { recordLearningRates } from './recordLearningRates.js';
import type { TrainingContext } from './trainingContext.js';

type SurfaceDataset = Extract<DatasetConfig, { kind: 'surface' }>;

/**
 * Optimises the point model on a toy surface: each step the loss is the surface at the point, its
 * gradient goes to the optimizer under the parameter's name. Records the loss, the point and the
 * distance to the minimum.
 */
export async function trainSurface(context: TrainingContext, dataset: SurfaceDataset): Promise<void> {
  const { config, reporter } = context;
  const surface = surfaces[dataset.surface];
  const model = createPointModel(dataset.start ?? surface.start);
  const [param] = model.params;
  const optimizer = createOptimizer(config.optimizer, model.params);
  const { epochs, stepsPerEpoch } = config.training;
  const totalSteps = epochs * stepsPerEpoch;
  const distance = async () => {
    const [x, y] = await param.variable.data();
    return Math.hypot(x - surface.minimum[0], y - surface.minimum[1]);
  };
  const explosion = new LossExplosionRule(config.training.lossExplosionFactor);
  let step = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      let loss = 0;
      for (let i = 0; i < stepsPerEpoch; i++) {
        optimizer.setLearningRateFactor(learningRateFactor(config.lrSchedule, { epoch, step, stepsPerEpoch, totalEpochs: epochs }));
        step++;
        const { value, grads } = tf.variableGrads(() => surface.loss(param.variable), [param.variable]);
        const gradient = { [param.name]: grads[param.variable.name] };
        const clipped = config.training.gradClipNorm === undefined ? gradient : clipGradientNorm(gradient, config.training.gradClipNorm);
        optimizer.step(clipped);
        if (clipped !== gradient) tf.dispose(Object.values(clipped));
        // Read after the step is queued (`await data()`: webgpu cannot read synchronously in Node).
        const [lossValues, point] = await Promise.all([value.data(), param.variable.data()]);
        tf.dispose([value, ...Object.values(grads)]);
        loss = lossValues[0];
        assertFinite(loss, step, epoch);
        explosion.check(loss, step, epoch);
        const [x, y] = point;
        assertFinite(x, step, epoch, `Parameter ${param.name}[0]`);
        assertFinite(y, step, epoch, `Parameter ${param.name}[1]`);
        reporter.record(metricKeys.trainLossStep, loss, step, 0);
        reporter.record('surface/x', x, step, 0);
        reporter.record('surface/y', y, step, 0);
        recordLearningRates(reporter, optimizer, step);
        reporter.progress(epoch, epochs, step, totalSteps);
        if (i % 50 === 49) await checkpointYield(context.isCancelled);
      }
      reporter.record(metricKeys.trainLoss, loss, step, epoch);
      explosion.setReference(loss);
      reporter.record(metricKeys.distanceToMinimum, await distance(), step, epoch);
      reporter.flush();
      await checkpointYield(context.isCancelled);
    }
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
