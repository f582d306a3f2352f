import assert from 'node:assert/strict';
import '@tensorflow/tfjs-backend-cpu';
import { test } from 'node:test';
import { optimizerConfigSchema } from '../../../../shared/config/optimizerConfig.js';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';
import { createOptimizer } from '../../../../shared/ml/optim/createOptimizer.js';
import { recordLearningRates } from '../../../../main/trainingProcess/recordLearningRates.js';
import type { MetricReporter } from '../../../../main/trainingProcess/metricReporter.js';
import { expectedSeries, runCharts, seriesLabels } from '../../../../renderer/src/ui/charts/chartLines.js';
import { blockParams } from '../../shared/ml/optim/testParams.js';

function recorded(optimizerConfig: unknown, factor = 1): Record<string, number> {
  const optimizer = createOptimizer(optimizerConfigSchema.parse(optimizerConfig), blockParams(['a', 'b']));
  optimizer.setLearningRateFactor(factor);
  const values: Record<string, number> = {};
  const reporter = { record: (key: string, value: number) => void (values[key] = value) } as unknown as MetricReporter;
  recordLearningRates(reporter, optimizer, 1);
  return values;
}

test('a MAS run records each part’s learning rate (ηs, ηa) beside its η, scaled by the schedule', () => {
  assert.deepEqual(recorded({ type: 'mas', lr: 0.01, lrSgd: 0.1, lrAdam: 0.001 }, 0.5), { 'train/lr': 0.005, 'lr/part1': 0.05, 'lr/part2': 0.0005 });
  // Without their own rates both parts take η.
  assert.deepEqual(recorded({ type: 'mas', lr: 0.01, variant: 'linear', gamma: 0.6 }), { 'train/lr': 0.01, 'lr/part1': 0.01, 'lr/part2': 0.01 });
});

test('a mixer records each part’s learning rate; a single optimizer only its own', () => {
  const mixer = { type: 'mixer', parts: [{ weight: 0.3, optimizer: { type: 'adam', lr: 0.002 } }, { weight: 0.7, optimizer: { type: 'sgd', lr: 0.05 } }] };
  assert.deepEqual(recorded(mixer), { 'train/lr': 0.3 * 0.002 + 0.7 * 0.05, 'lr/part1': 0.002, 'lr/part2': 0.05 });
  assert.deepEqual(recorded({ type: 'adam', lr: 0.003 }), { 'train/lr': 0.003 });
});

test('the run page draws η and one learning-rate line per part of a MAS run, labelled by the part', () => {
  const config = runConfigSchema.parse({
    dataset: { kind: 'surface', surface: 'rosenbrock' },
    model: { kind: 'point' },
    optimizer: { type: 'mas', lr: 0.01, lrSgd: 0.1, lambdaSgd: 0.3, lambdaAdam: 0.7 },
    training: { epochs: 1, stepsPerEpoch: 2 },
  });
  const point = (value: number) => [{ step: 1, epoch: 0, value, time: 0 }];
  const charts = runCharts({ 'train/lr': point(0.01), 'lr/part1': point(0.1), 'lr/part2': point(0.01) }, expectedSeries(config), seriesLabels(config));
  const lr = charts.find((c) => c.id === 'lr');
  assert.deepEqual(lr?.lines.map((l) => [l.key, l.label]), [
    ['train/lr', 'learning rate'],
    ['lr/part1', 'part 1: SGD part (λs 0.3, ηs 0.1)'],
    ['lr/part2', 'part 2: Adam part (λa 0.7, ηa 0.01)'],
  ]);
});
