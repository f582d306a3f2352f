import * as tf from '@tensorflow/tfjs-core';
import { confusionMatrix } from '../../shared/ml/metrics/confusionMatrix.js';
import { macroF1 } from '../../shared/ml/metrics/macroF1.js';
import { matthewsCorrelation } from '../../shared/ml/metrics/matthewsCorrelation.js';
import { datasetKindDefinition } from '../../shared/ml/data/datasetKindRegistry.js';
import { perplexityFromLoss } from '../../shared/ml/metrics/perplexity.js';
import type { RunConfig } from '../../shared/config/runConfig.js';
import type { Model } from '../../shared/ml/models/model.js';
import { createModel, type CreateModelOptions } from '../../shared/ml/models/createModel.js';
import { createOptimizer } from '../../shared/ml/optim/createOptimizer.js';
import type { Optimizer } from '../../shared/ml/optim/optimizer.js';
import { clipGradientNorm } from '../../shared/ml/optim/clipGradientNorm.js';
import { learningRateFactor } from '../../shared/ml/optim/schedules/learningRateFactor.js';
import { createRandom, shuffledIndices } from '../../shared/ml/random.js';
import { metricKeys } from '../../shared/runs/runTypes.js';
import { confusionMatrixMessage } from './confusionMatrixMessage.js';
import { recordLearningRates } from './recordLearningRates.js';
import { restoreEpochCheckpoint, saveEpochCheckpoint } from './checkpoint/epochCheckpoints.js';
import { EpsilonCapturer } from './epsilon/epsilonCapturer.js';
import { assertFinite, checkpointYield, LossExplosionRule } from './divergence.js';
import { assertFiniteParameters } from './finiteParameters.js';
import { assertFitsInMemory } from './memoryCheck.js';
import { loadInitialWeights } from './loadInitialWeights.js';
import { testSet, type EvaluationSet, type SupervisedTask, type TaskBatch } from './tasks/supervisedTask.js';
import type { TrainingContext } from './trainingContext.js';
import type { InitialWeightsArtifact } from '../../shared/runs/runArtifacts.js';
import { throwOnDeviceError } from '../backend/gpuErrors.js';
import { softmaxCrossEntropyLoss } from '../../shared/ml/losses/softmaxCrossEntropyLoss.js';

/**
 * The custom training loop for supervised tasks (image or text classification, language modeling):
 * seeded shuffling, one optimizer step per batch (gradients by parameter name, so any optimizer of
 * the library plugs in), per-step loss and lr, per-epoch train/test loss and accuracy, macro-F1 or
 * perplexity, Matthews correlation where the dataset's benchmark reports it (CoLA), and samples/s; with a `validation` set, the same evaluation metrics of it (`val/*`)
 * after every epoch.
 */
export async function trainSupervised(context: TrainingContext, task: SupervisedTask, modelOptions: CreateModelOptions = {}, validation?: EvaluationSet): Promise<void> {
  const { config, reporter } = context;
  const { epochs, batchSize, seed } = config.training;
  const model = createModel(config.model, task.inputShape, task.classes, seed, modelOptions);
  let initialWeights: InitialWeightsArtifact | undefined;
  try {
    assertFitsInMemory(model, Math.min(batchSize, task.trainCount));
    // Pretrained weights before the first step (a resumed run's checkpoint then replaces them).
    if (config.initialWeights) initialWeights = await loadInitialWeights(model, config.initialWeights, context.dataDir);
    // A resume records them once its checkpoint has accepted them (the run's record keeps the first start's file otherwise).
    if (initialWeights && context.resumeFrom === undefined) reporter.send({ type: 'initial-weights', weights: initialWeights });
  } catch (error) {
    model.dispose();
    throw error;
  }
  const blockNames = model.blocks.map((b) => b.name);
  const optimizer = createOptimizer(config.optimizer, model.params, blockNames);
  const paramNameByVariable = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const variables = model.params.map((p) => p.variable);
  const random = createRandom(seed);
  const epsilonCapturer = new EpsilonCapturer(config, optimizer, model.params, blockNames, (capture) =>
    reporter.send({ type: 'epsilon-capture', capture }),
  );
  const stepsPerEpoch = Math.ceil(task.trainCount / batchSize);
  const totalSteps = stepsPerEpoch * epochs;
  const explosion = new LossExplosionRule(config.training.lossExplosionFactor);
  const reportsMcc = datasetKindDefinition(config.dataset.kind).benchmarkMetrics?.includes('mcc') ?? false;
  let step = 0;
  let firstEpoch = 1;

  try {
    if (context.resumeFrom !== undefined) {
      const position = restoreEpochCheckpoint(context.resumeFrom, config, model, optimizer, initialWeights);
      if (initialWeights) reporter.send({ type: 'initial-weights', weights: initialWeights });
      // Replaying the shuffles puts the shuffling generator where it was (one shuffle per epoch); random
      // crops and flips draw from their own seeded source per training image, so replaying the batches
      // (without training) puts that one where it was too.
      const replayBatches = randomlyAugmented(config.dataset);
      for (let i = 0; i < position.shuffles; i++) {
        const order = shuffledIndices(task.trainCount, random);
        if (!replayBatches) continue;
        for (let start = 0; start < task.trainCount; start += batchSize) task.trainBatch(order, start, Math.min(batchSize, task.trainCount - start)).x.dispose();
      }
      step = position.step;
      firstEpoch = position.epoch + 1;
      reporter.setElapsed(position.elapsedSeconds);
      reporter.progress(position.epoch, epochs, step, totalSteps);
    }
    for (let epoch = firstEpoch; epoch <= epochs; epoch++) {
      const order = shuffledIndices(task.trainCount, random);
      const epochStart = performance.now();
      let lossSum = 0;
      let rows = 0;
      let correct = 0;
      for (let start = 0; start < task.trainCount; start += batchSize) {
        const size = Math.min(batchSize, task.trainCount - start);
        optimizer.setLearningRateFactor(learningRateFactor(config.lrSchedule, { epoch, step, stepsPerEpoch, totalEpochs: epochs }));
        step++;
        const stepStart = performance.now();
        const batch = task.trainBatch(order, start, size);
        const { loss, batchCorrect } = await trainStep(model, variables, paramNameByVariable, optimizer, batch, task.classes, config.training.gradClipNorm);
        assertFinite(loss, step, epoch);
        explosion.check(loss, step, epoch);
        lossSum += loss * batch.targets.length;
        rows += batch.targets.length;
        correct += batchCorrect;
        await epsilonCapturer.afterStep({ epoch, step, endOfEpoch: start + batchSize >= task.trainCount });
        reporter.record(metricKeys.trainLossStep, loss, step, 0);
        recordLearningRates(reporter, optimizer, step);
        reporter.record(metricKeys.stepTime, (performance.now() - stepStart) / 1000, step, 0);
        reporter.progress(epoch, epochs, step, totalSteps);
        await checkpointYield(context.isCancelled);
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const test = await evaluate(model, testSet(task), task.classes, batchSize);
      const trainLoss = lossSum / rows;
      reporter.record(metricKeys.trainLoss, trainLoss, step, epoch);
      explosion.setReference(trainLoss);
      reporter.record(metricKeys.trainAccuracy, correct / rows, step, epoch);
      reporter.record(metricKeys.testLoss, test.loss, step, epoch);
      reporter.record(metricKeys.testAccuracy, test.accuracy, step, epoch);
      if (task.kind === 'classification') {
        const confusion = confusionMatrix(test.targets, test.predictions, task.classes);
        reporter.record(metricKeys.testMacroF1, macroF1(confusion), step, epoch);
        if (reportsMcc) reporter.record(metricKeys.testMcc, matthewsCorrelation(confusion), step, epoch);
        if (epoch === epochs) reporter.send(confusionMatrixMessage(confusion, epoch, task.classNames));
      } else {
        reporter.record(metricKeys.trainPerplexity, perplexityFromLoss(trainLoss), step, epoch);
        reporter.record(metricKeys.testPerplexity, perplexityFromLoss(test.loss), step, epoch);
      }
      if (validation) {
        const held = await evaluate(model, validation, task.classes, batchSize);
        reporter.record(metricKeys.valLoss, held.loss, step, epoch);
        reporter.record(metricKeys.valAccuracy, held.accuracy, step, epoch);
        if (task.kind === 'classification') {
          const heldConfusion = confusionMatrix(held.targets, held.predictions, task.classes);
          reporter.record(metricKeys.valMacroF1, macroF1(heldConfusion), step, epoch);
          if (reportsMcc) reporter.record(metricKeys.valMcc, matthewsCorrelation(heldConfusion), step, epoch);
        } else reporter.record(metricKeys.valPerplexity, perplexityFromLoss(held.loss), step, epoch);
        assertFinite(held.loss, step, epoch);
      }
      reporter.record(metricKeys.samplesPerSecond, task.trainCount / seconds, step, epoch);
      const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      reporter.record(metricKeys.liveTensors, memory.numTensors, step, epoch);
      reporter.record(metricKeys.liveTensorBytes, memory.numBytesInGPU ?? memory.numBytes, step, epoch);
      reporter.progress(epoch, epochs, step, totalSteps);
      reporter.flush();
      assertFinite(test.loss, step, epoch);
      // A checkpoint never holds a parameter that is not finite.
      await assertFiniteParameters(model.params, step, epoch);
      if (context.checkpoint) {
        const position = { epoch, step, elapsedSeconds: reporter.elapsed(), shuffles: epoch };
        const path = await saveEpochCheckpoint(context.checkpoint.dir, context.checkpoint.runId, config, model, optimizer, position, initialWeights);
        reporter.send({ type: 'checkpoint', path, epoch, step });
      }
    }
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** Whether the dataset's training batches draw random numbers (crops or flips). */
function randomlyAugmented(dataset: RunConfig['dataset']): boolean {
  const augment = 'augment' in dataset ? dataset.augment : undefined;
  return augment !== undefined && (augment.cropPadding > 0 || augment.horizontalFlip);
}

/**
 * One optimizer step on a batch; the loss and the count of correct predictions are read with
 * `await data()` (the webgpu backend cannot read synchronously in Node), after the step is queued.
 */
async function trainStep(
  model: Model,
  variables: tf.Variable[],
  paramNameByVariable: Map<string, string>,
  optimizer: Optimizer,
  batch: TaskBatch,
  classes: number,
  gradClipNorm: number | undefined,
): Promise<{ loss: number; batchCorrect: number }> {
  const targets = tf.tensor1d(batch.targets, 'int32');
  const y = tf.oneHot(targets, classes);
  let logits: tf.Tensor | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const out = model.forward(batch.x, true);
      logits = tf.keep(out);
      return softmaxCrossEntropyLoss(y, out);
    }, variables);
    const byName: Record<string, tf.Tensor> = {};
    for (const [variableName, grad] of Object.entries(grads)) byName[paramNameByVariable.get(variableName) ?? variableName] = grad;
    const clipped = gradClipNorm === undefined ? byName : clipGradientNorm(byName, gradClipNorm);
    optimizer.step(clipped);
    tf.dispose(Object.values(grads));
    if (clipped !== byName) tf.dispose(Object.values(clipped));
    const correct = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits!, 1), targets), 'int32')));
    try {
      const [lossValues, correctValues] = await Promise.all([value.data(), correct.data()]);
      throwOnDeviceError(batch.targets.length);
      return { loss: lossValues[0], batchCorrect: correctValues[0] };
    } finally {
      tf.dispose([value, correct]);
    }
  } finally {
    tf.dispose([batch.x, targets, y]);
    if (logits) logits.dispose();
  }
}

/** Mean loss and accuracy over an evaluation set (the test split, a validation split), in batches, without gradients; with every prediction. */
export async function evaluate(
  model: Model,
  examples: EvaluationSet,
  classes: number,
  batchSize: number,
): Promise<{ loss: number; accuracy: number; predictions: Int32Array; targets: Int32Array }> {
  const predictions: Int32Array[] = [];
  const targets: Int32Array[] = [];
  let lossSum = 0;
  let rows = 0;
  const evalBatch = Math.max(batchSize, 256);
  for (let start = 0; start < examples.count; start += evalBatch) {
    const size = Math.min(evalBatch, examples.count - start);
    const batch = examples.batch(start, size);
    const [lossTensor, predictedTensor] = tf.tidy(() => {
      const logits = model.forward(batch.x, false);
      const y = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), classes);
      return [softmaxCrossEntropyLoss(y, logits), tf.argMax(logits, 1)] as const;
    });
    batch.x.dispose();
    const [lossValues, predicted] = await Promise.all([lossTensor.data(), predictedTensor.data() as Promise<Int32Array>]).finally(() =>
      tf.dispose([lossTensor, predictedTensor]),
    );
    throwOnDeviceError(size);
    const lossValue = lossValues[0];
    lossSum += lossValue * batch.targets.length;
    rows += batch.targets.length;
    predictions.push(Int32Array.from(predicted));
    targets.push(batch.targets);
  }
  const allPredictions = concat(predictions);
  const allTargets = concat(targets);
  let correct = 0;
  for (let i = 0; i < allTargets.length; i++) if (allPredictions[i] === allTargets[i]) correct++;
  return { loss: lossSum / rows, accuracy: correct / rows, predictions: allPredictions, targets: allTargets };
}

function concat(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
