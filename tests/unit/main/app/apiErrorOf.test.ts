import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../../shared/api/apiError.js';
import type { ApiHandlers } from '../../../../shared/api/contract.js';
import { InputError } from '../../../../shared/errors/inputError.js';
import { expandExperiment } from '../../../../shared/experiments/expandExperiment.js';
import { experimentConfigSchema } from '../../../../shared/experiments/experimentConfig.js';
import { apiErrorOf, withApiErrors } from '../../../../main/app/apiErrorOf.js';

test('an InputError of pure logic is reported as invalid-input with its fields', () => {
  const issues = [{ path: 'optimizer.lr', message: 'must be positive' }];
  const error = apiErrorOf(new InputError('Invalid run config: optimizer.lr: must be positive', issues));
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 'invalid-input');
  assert.deepEqual(error.issues, issues);
  assert.equal(error.message, 'Invalid run config: optimizer.lr: must be positive');
});

test('handlers answer what pure logic throws as an ApiError; other errors are internal', async () => {
  const config = experimentConfigSchema.parse({
    name: 'typo',
    base: { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.1 }, training: { epochs: 1, stepsPerEpoch: 10 } },
    sweep: { axes: [{ path: 'optimizer.lrr', values: [0.1] }] },
  });
  const handlers = withApiErrors({
    previewExperiment: async () => expandExperiment(config),
    listExperiments: async () => {
      throw new Error('disk on fire');
    },
  } as unknown as ApiHandlers);
  await assert.rejects(handlers.previewExperiment({ config } as never), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'invalid-input');
    assert.deepEqual(error.issues, [{ path: 'sweep.axes.0', message: 'optimizer.lrr does not exist in the base config' }]);
    return true;
  });
  await assert.rejects(handlers.listExperiments({} as never), (error: unknown) => error instanceof ApiError && error.code === 'internal' && error.message === 'disk on fire');
});
