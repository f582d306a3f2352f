import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema } from '../../../../../shared/config/runConfig.js';
import { summarizePath } from '../../../../../shared/ml/surfaces/pathSummary.js';
import { relevantFields } from '../../../../../renderer/src/ui/schemaForm/fieldRelevance.js';
import { initialValues, optimizerVariant, playgroundOptimizers, readOptimizerConfig } from '../../../../../renderer/src/playground/optimizerFields.js';
import { lossCurve } from '../../../../../renderer/src/playground/lossCurve.js';
import { epochSplit, runConfigForPath } from '../../../../../renderer/src/playground/playgroundRun.js';
import { roundToView, toData, toPixel } from '../../../../../renderer/src/playground/plotTransform.js';
import { requestKey } from '../../../../../renderer/src/playground/trajectoryRequest.js';

test('pixels and surface coordinates map both ways, y pointing up on the surface', () => {
  const frame = { view: [-1, 3, 0, 2] as [number, number, number, number], width: 400, height: 100 };
  assert.deepEqual(toPixel(frame, -1, 2), [0, 0]);
  assert.deepEqual(toPixel(frame, 3, 0), [400, 100]);
  assert.deepEqual(toData(frame, 100, 50), [0, 1]);
  assert.equal(roundToView(1.234567, 4.5), 1.235);
  assert.equal(roundToView(123.4567, 450), 123.5);
});

test('a path summary gives the end, its distance to the minimum and the first step within the tolerance', () => {
  const path: [number, number, number][] = [
    [3, 1, 9],
    [1.5, 1, 4],
    [1.05, 1, 1],
    [1.2, 1, 2],
  ];
  const s = summarizePath({ minimum: [1, 1] }, path, 0.1, 3);
  assert.equal(s.steps, 3);
  assert.deepEqual(s.finalPoint, [1.2, 1]);
  assert.equal(s.finalLoss, 2);
  assert.ok(Math.abs(s.finalDistance - 0.2) < 1e-12);
  assert.equal(s.stepWithinTolerance, 2);
  assert.equal(s.finite, true);
  assert.equal(summarizePath({ minimum: [1, 1] }, path, 0.01).stepWithinTolerance, null);
  assert.equal(summarizePath({ minimum: [1, 1] }, path.slice(0, 2), 0.1, 3).finite, false, 'a path cut short stopped on a non-finite value');
});

test('the optimizer form reads typed values into a config the schema accepts, defaults for empty fields', () => {
  const mas = optimizerVariant('mas');
  const values = initialValues(mas, { lr: 1e-4, lambdaAdam: 0.3, lambdaSgd: 0.7 });
  assert.equal(values.lr, '0.0001');
  assert.equal(values.lrSgd, '', 'optional learning rates start empty');
  assert.equal(values.nesterov, false);
  const { config, issues } = readOptimizerConfig(mas, values);
  assert.deepEqual(issues, []);
  assert.equal(config?.type, 'mas');
  assert.equal(config?.type === 'mas' && config.lambdaAdam, 0.3);
  assert.equal(config?.type === 'mas' && config.lrSgd, undefined);
  assert.equal(config?.type === 'mas' && config.beta2, 0.999);
});

test('bad values are refused by field, with the schema message', () => {
  const adam = optimizerVariant('adam');
  const typo = readOptimizerConfig(adam, { ...initialValues(adam), lr: '1e-3x' });
  assert.equal(typo.config, null);
  assert.deepEqual(typo.issues.map((i) => i.path), ['lr']);
  const beta = readOptimizerConfig(adam, { ...initialValues(adam), beta1: '1.2' });
  assert.equal(beta.config, null);
  assert.equal(beta.issues[0].path, 'beta1');
  assert.match(beta.issues[0].message, /Invalid beta parameter at index 0: 1.2/);
});

test("MAS's p and mask seed show only for the vector-combination variant (the New Run form's rule)", () => {
  const mas = optimizerVariant('mas');
  const keys = (variant: string) => relevantFields(mas.fields, { ...initialValues(mas), variant }).map((f) => f.path);
  assert.ok(!keys('standard').includes('adamFraction'));
  assert.ok(!keys('standard').includes('maskSeed'));
  assert.ok(keys('vector-combination').includes('adamFraction'));
  assert.ok(keys('vector-combination').includes('maskSeed'));
  const { config } = readOptimizerConfig(mas, { ...initialValues(mas), variant: 'standard', adamFraction: '2' });
  assert.ok(config, 'a field that does not apply is not read');
});

test('the Playground offers every single optimizer of the registry, Adamax and Lion included', () => {
  const types = playgroundOptimizers.map((v) => v.value);
  assert.ok(types.includes('adamax') && types.includes('lion') && types.includes('mas'));
  assert.ok(!types.includes('mixer') && !types.includes('fusion'));
});

test('a playground path becomes a run config of the same surface, start, optimizer and number of steps', () => {
  assert.deepEqual(epochSplit(1000), { epochs: 20, stepsPerEpoch: 50 });
  assert.deepEqual(epochSplit(400), { epochs: 20, stepsPerEpoch: 20 });
  assert.deepEqual(epochSplit(997), { epochs: 1, stepsPerEpoch: 997 });
  assert.deepEqual(epochSplit(7), { epochs: 7, stepsPerEpoch: 1 });
  const optimizer = readOptimizerConfig(optimizerVariant('sgd'), { ...initialValues(optimizerVariant('sgd')), lr: '0.001' }).config!;
  const request = { surface: 'himmelblau' as const, optimizer, steps: 300, start: [0.5, -1] as [number, number] };
  const run = runConfigSchema.parse(runConfigForPath(request, 'p'));
  assert.equal(run.dataset.kind === 'surface' && run.dataset.surface, 'himmelblau');
  assert.deepEqual(run.dataset.kind === 'surface' && run.dataset.start, [0.5, -1]);
  assert.equal(run.training.epochs * run.training.stepsPerEpoch, 300);
  assert.equal(run.optimizer.type === 'sgd' && run.optimizer.lr, 0.001);
  assert.equal(requestKey(request), requestKey({ ...request, start: [0.5, -1] }));
  assert.notEqual(requestKey(request), requestKey({ ...request, steps: 301 }));
});

test('a loss curve keeps every k-th step and the last one, and leaves out losses a log axis cannot show', () => {
  const path: [number, number, number][] = Array.from({ length: 11 }, (_, i) => [i, 0, i === 4 ? 0 : 11 - i]);
  assert.deepEqual(lossCurve(path, 4).map((p) => p.x), [0, 3, 6, 9, 10]);
  assert.deepEqual(lossCurve(path, 100).map((p) => p.x), [0, 1, 2, 3, 5, 6, 7, 8, 9, 10], 'loss 0 at step 4 left out');
});
