import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { captureModelTensors, restoreModelTensors } from '../../../../../main/trainingProcess/checkpoint/modelTensors.js';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import { modelConfigSchema } from '../../../../../shared/config/modelConfig.js';

test('model params and batch-norm state restore into a fresh model by name; a mismatched model is refused', async () => {
  await tf.setBackend('cpu');
  const config = modelConfigSchema.parse({ kind: 'vgg11', width: 2, batchNorm: true });
  const trained = createModel(config, [8, 8, 3], 4, 1);
  assert.ok((trained.state ?? []).length > 0, 'the model has batch-norm state');
  // Change every tensor so a fresh model differs from it.
  for (const p of [...trained.params, ...(trained.state ?? [])]) p.variable.assign(tf.add(p.variable, tf.scalar(0.25)));
  const saved = captureModelTensors(trained);

  const fresh = createModel(config, [8, 8, 3], 4, 2);
  restoreModelTensors(fresh, saved);
  assert.deepEqual(captureModelTensors(fresh), saved);

  const other = createModel(modelConfigSchema.parse({ kind: 'mlp', hidden: [4] }), [8, 8, 3], 4, 1);
  assert.throws(() => restoreModelTensors(other, saved), /The checkpoint holds \d+ tensors, the model has \d+/);
  trained.dispose();
  fresh.dispose();
  other.dispose();
});
