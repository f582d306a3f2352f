import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset, ImageSplit } from '../../shared/ml/data/datasetTypes.js';
import type { Model } from '../../shared/ml/models/model.js';
import { createModel } from '../../shared/ml/models/createModel.js';
import { createOptimizer } from '../../shared/ml/optim/createOptimizer.js';
import { learningRateFactor } from '../../shared/ml/optim/schedules/learningRateFactor.js';
import { createRandom, shuffledIndices } from '../../shared/ml/random.js';
import { metricKeys } from '../../shared/runs/runTypes.js';
import { gatherBatch } from './batches.js';
import { EpsilonCapturer } from './epsilon/epsilonCapturer.js';
import { assertFinite, checkpointYield } from './divergence.js';
import type { TrainingContext } from './trainingContext.js';

/**
 * The custom training loop for classification: seeded shuffling, one optimizer step per batch
 * (gradients by parameter name, so any optimizer of the library plugs in), per-step loss and lr,
 * per-epoch train/test loss and accuracy and samples/s.
 */
export async function trainClassifier(context: TrainingContext, dataset: ImageDataset): Promise<void> {
  const { config, reporter } = context;
  const { epochs, batchSize, seed } = config.training;
  const featureSize = dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
  const classes = dataset.classes.length;
  const model = createModel(config.model, dataset.shape, classes, seed);
  const optimizer = createOptimizer(config.optimizer, model.params, model.blocks.map((b) => b.name));
  const paramNameByVariable = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const variables = model.params.map((p) => p.variable);
  const random = createRandom(seed);
  const epsilonCapturer = new EpsilonCapturer(config, optimizer, model.params, model.blocks.map((b) => b.name), (capture) =>
    reporter.send({ type: 'epsilon-capture', capture }),
  );
  const stepsPerEpoch = Math.ceil(dataset.train.count / batchSize);
  const totalSteps = stepsPerEpoch * epochs;
  let step = 0;

  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = shuffledIndices(dataset.train.count, random);
      const epochStart = performance.now();
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < dataset.train.count; start += batchSize) {
        const size = Math.min(batchSize, dataset.train.count - start);
        const batch = gatherBatch(dataset.train, featureSize, order, start, size);
        optimizer.setLearningRateFactor(learningRateFactor(config.lrSchedule, { epoch, step, stepsPerEpoch, totalEpochs: epochs }));
        step++;
        const stepStart = performance.now();
        const { loss, batchCorrect } = trainStep(model, variables, paramNameByVariable, optimizer, batch, dataset.shape, classes);
        assertFinite(loss, step, epoch);
        lossSum += loss * size;
        correct += batchCorrect;
        epsilonCapturer.afterStep({ epoch, step, endOfEpoch: start + batchSize >= dataset.train.count });
        reporter.record(metricKeys.trainLossStep, loss, step, 0);
        reporter.record(metricKeys.lr, optimizer.currentLearningRate(), step, 0);
        reporter.record(metricKeys.stepTime, (performance.now() - stepStart) / 1000, step, 0);
        reporter.progress(epoch, epochs, step, totalSteps);
        await checkpointYield(context.isCancelled);
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const test = evaluate(model, dataset.test, featureSize, dataset.shape, classes, batchSize);
      reporter.record(metricKeys.trainLoss, lossSum / dataset.train.count, step, epoch);
      reporter.record(metricKeys.trainAccuracy, correct / dataset.train.count, step, epoch);
      reporter.record(metricKeys.testLoss, test.loss, step, epoch);
      reporter.record(metricKeys.testAccuracy, test.accuracy, step, epoch);
      reporter.record(metricKeys.samplesPerSecond, dataset.train.count / seconds, step, epoch);
      reporter.progress(epoch, epochs, step, totalSteps);
      reporter.flush();
      assertFinite(test.loss, step, epoch);
    }
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

function trainStep(
  model: Model,
  variables: tf.Variable[],
  paramNameByVariable: Map<string, string>,
  optimizer: ReturnType<typeof createOptimizer>,
  batch: { images: Float32Array; labels: Int32Array },
  shape: [number, number, number],
  classes: number,
): { loss: number; batchCorrect: number } {
  const size = batch.labels.length;
  const x = tf.tensor4d(batch.images, [size, ...shape]);
  const labels = tf.tensor1d(batch.labels, 'int32');
  const y = tf.oneHot(labels, classes);
  let logits: tf.Tensor | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const out = model.forward(x, true);
      logits = tf.keep(out);
      return tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar;
    }, variables);
    const byName: Record<string, tf.Tensor> = {};
    for (const [variableName, grad] of Object.entries(grads)) byName[paramNameByVariable.get(variableName) ?? variableName] = grad;
    optimizer.step(byName);
    const loss = value.dataSync()[0];
    const batchCorrect = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits!, 1), labels), 'int32')).dataSync()[0]);
    value.dispose();
    tf.dispose(Object.values(grads));
    return { loss, batchCorrect };
  } finally {
    tf.dispose([x, labels, y]);
    if (logits) logits.dispose();
  }
}

/** Mean loss and accuracy over a split, in batches, without gradients. */
export function evaluate(
  model: Model,
  split: ImageSplit,
  featureSize: number,
  shape: [number, number, number],
  classes: number,
  batchSize: number,
): { loss: number; accuracy: number; predictions: Int32Array } {
  const predictions = new Int32Array(split.count);
  let lossSum = 0;
  const evalBatch = Math.max(batchSize, 256);
  for (let start = 0; start < split.count; start += evalBatch) {
    const size = Math.min(evalBatch, split.count - start);
    const images = split.images.subarray(start * featureSize, (start + size) * featureSize);
    const labels = split.labels.subarray(start, start + size);
    const [lossValue, predicted] = tf.tidy(() => {
      const logits = model.forward(tf.tensor4d(images, [size, ...shape]), false);
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
      return [tf.losses.softmaxCrossEntropy(y, logits).dataSync()[0], tf.argMax(logits, 1).dataSync()] as const;
    });
    lossSum += lossValue * size;
    predictions.set(predicted, start);
  }
  let correct = 0;
  for (let i = 0; i < split.count; i++) if (predictions[i] === split.labels[i]) correct++;
  return { loss: lossSum / split.count, accuracy: correct / split.count, predictions };
}
