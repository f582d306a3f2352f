import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../../shared/api/apiError.js';
import { apiMethods } from '../../../../shared/api/contract.js';
import { modelConfigSchema } from '../../../../shared/config/modelConfig.js';
import { optimizerConfigSchema } from '../../../../shared/config/optimizerConfig.js';
import { optimizerIssuesForBlocks } from '../../../../shared/ml/optim/fusion/fusionPlan.js';
import { ModelDescriber } from '../../../../main/models/modelDescriber.js';

const describer = new ModelDescriber();
const describe = (model: object, dataset: object) => describer.describeModel(apiMethods.describeModel.input.parse({ model, dataset }));

test('an MLP on Fashion-MNIST: one block per hidden layer and the output, with counts and output shapes', async () => {
  const d = await describe({ kind: 'mlp', hidden: [32, 16] }, { kind: 'fashion-mnist', trainLimit: 100 });
  assert.deepEqual(d.inputShape, [28, 28, 1]);
  assert.equal(d.classes, 10);
  assert.equal(d.blocks.length, 3);
  assert.deepEqual(
    d.blocks.map((b) => b.paramCount),
    [784 * 32 + 32, 32 * 16 + 16, 16 * 10 + 10],
  );
  assert.equal(d.paramCount, d.blocks.reduce((n, b) => n + b.paramCount, 0));
  const last = d.blocks[2].layers.at(-1);
  assert.deepEqual(last?.outputShape, [10]);
  assert.deepEqual(d.assumptions, []);
});

test('the dataset decides the input shape and outputs without a path; assumed counts are said', async () => {
  const cifar = await describe({ kind: 'cnn', channels: [8, 16] }, { kind: 'cifar100', label: 'coarse' });
  assert.deepEqual(cifar.inputShape, [32, 32, 3]);
  assert.equal(cifar.classes, 20);
  const folder = await describe({ kind: 'mlp', hidden: [8] }, { kind: 'image-folder', imageSize: [16, 12], channels: 1 });
  assert.deepEqual(folder.inputShape, [16, 12, 1]);
  assert.equal(folder.assumptions.length, 1);
});

test('a model that does not fit the dataset is refused naming model.kind', async () => {
  await assert.rejects(
    describe({ kind: 'cnn' }, { kind: 'text-csv' }),
    (error: unknown) => error instanceof ApiError && error.code === 'invalid-input' && error.issues[0].path === 'model.kind',
  );
});

test('block names for a fusion plan check: a plan past the last block gets a field issue', () => {
  const names = describer.blockNames(modelConfigSchema.parse({ kind: 'mlp', hidden: [32, 16] }), { kind: 'mnist', trainLimit: 0, testLimit: 0 });
  assert.equal(names.length, 3);
  const plan = optimizerConfigSchema.parse({ type: 'fusion', groups: [{ blocks: [0, 1], optimizer: { type: 'adam' } }, { blocks: [2, 3], optimizer: { type: 'sgd' } }] });
  const issues = optimizerIssuesForBlocks(plan, names);
  assert.equal(issues[0].path, 'optimizer.groups.1.blocks');
  assert.match(issues[0].message, /goes past the last block/);
});
