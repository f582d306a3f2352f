import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentConfigSchema } from '../../../../shared/experiments/experimentConfig.js';
import { expandExperiment } from '../../../../shared/experiments/expandExperiment.js';
import { welcomeExamples } from '../../../../shared/experiments/welcomeExamples.js';

test('every welcome example is a valid experiment whose runs the run schema accepts', () => {
  assert.equal(new Set(welcomeExamples.map((e) => e.id)).size, welcomeExamples.length, 'ids are unique');
  for (const example of welcomeExamples) {
    const config = experimentConfigSchema.parse(example.config);
    const { runs } = expandExperiment(config);
    assert.ok(runs.length > 0, example.id);
    for (const run of runs) assert.equal(run.config.dataset.kind, example.needs ?? run.config.dataset.kind);
  }
});

test('the toy example compares SGD, Adam and MAS on a surface; the Fashion-MNIST one has the baselines and MAS at λa 0.3, 0.5, 0.7 with λs = 1 − λa', () => {
  const toy = expandExperiment(experimentConfigSchema.parse(welcomeExamples.find((e) => e.id === 'toy-surface')!.config));
  assert.deepEqual(toy.runs.map((r) => r.config.optimizer.type), ['sgd', 'adam', 'mas']);
  assert.ok(toy.runs.every((r) => r.config.dataset.kind === 'surface'));

  const study = expandExperiment(experimentConfigSchema.parse(welcomeExamples.find((e) => e.id === 'mas-lambda-fashion-mnist')!.config));
  const optimizers = study.runs.map((r) => r.config.optimizer as { type: string; lambdaAdam?: number; lambdaSgd?: number });
  assert.deepEqual(optimizers.map((o) => o.type), ['adam', 'sgd', 'mas', 'mas', 'mas']);
  const mas = optimizers.filter((o) => o.type === 'mas');
  assert.deepEqual(mas.map((o) => o.lambdaAdam), [0.3, 0.5, 0.7]);
  for (const o of mas) assert.ok(Math.abs(o.lambdaAdam! + o.lambdaSgd! - 1) < 1e-12);
});
