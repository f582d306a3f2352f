/**
 * Every model kind trains on webgpu: one training step's loss and gradients (batch-norm statistics
 * included through the loss) equal the cpu backend's to float32 precision, at reduced width (lavapipe
 * on two cores is slow). The full runs of tests/integration/webgpu/webgpuTraining.test.ts cover the
 * MLP, CNN, ResNet-18, LSTM and a fusion plan through the app; this covers VGG-11, ResNet-34, AlexNet,
 * the ViT and BERT (layer norm and exact GELU), EfficientNetV2-S (depthwise convolutions,
 * squeeze-and-excitation) and DenseNet (concatenations) as well.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { probeWebgpu, useWebgpuBackend } from '../../../main/backend/webgpuBackend.js';
import { modelConfigSchema, type ModelConfig } from '../../../shared/config/modelConfig.js';
import { createModel } from '../../../shared/ml/models/createModel.js';
import { createRandom } from '../../../shared/ml/random.js';

const image = [32, 32, 3];
const cases: { name: string; config: unknown; input: number[]; tokens?: number }[] = [
  { name: 'VGG-11 (width 1/16, batch norm)', config: { kind: 'vgg11', width: 0.0625 }, input: image },
  { name: 'ResNet-34 (width 1/16)', config: { kind: 'resnet', depth: 34, width: 0.0625 }, input: image },
  { name: 'AlexNet (width 1/16)', config: { kind: 'alexnet', width: 0.0625 }, input: image },
  { name: 'ViT (dim 16, 2 encoders)', config: { kind: 'vit', patchSize: 8, dim: 16, depth: 2, heads: 2, mlpDim: 32 }, input: image },
  { name: 'BERT (hidden 16, 2 layers: layer norm, exact GELU, padding mask)', config: { kind: 'bert', hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 16, dropout: 0, attentionDropout: 0 }, input: [12], tokens: 40 },
  { name: 'CNN', config: { kind: 'cnn', channels: [4, 8] }, input: [28, 28, 1] },
  {
    name: 'EfficientNetV2-S (width 1/16, depth 0.1: depthwise convolutions, squeeze-and-excitation, SiLU)',
    config: { kind: 'efficientnet-v2-s', width: 0.0625, depth: 0.1, dropout: 0, stochasticDepth: 0 },
    input: image,
  },
  { name: 'DenseNet (growth 4: concatenations, average pools)', config: { kind: 'densenet-121', growthRate: 4, blockConfig: [1, 2, 1, 1], initFeatures: 8, bnSize: 2 }, input: image },
];
const batch = 4;

/** Loss and gradients by parameter name of one training-mode forward/backward pass, on the current backend. */
async function lossAndGrads(config: ModelConfig, input: number[], tokens?: number): Promise<{ loss: number; grads: Record<string, Float32Array> }> {
  const model = createModel(config, input, 10, 3, tokens ? { vocabSize: tokens } : {});
  const random = createRandom(5);
  const size = input.reduce((a, b) => a * b, 1);
  // Token ids: each sample padded (id 0) after a random length.
  const x = tokens
    ? tf.tensor2d(Int32Array.from({ length: batch * size }, (_, i) => (i % size < 3 + ((i / size) | 0) * 2 ? 1 + Math.floor(random() * (tokens - 1)) : 0)), [batch, size], 'int32')
    : tf.tensor(Float32Array.from({ length: batch * size }, () => random()), [batch, ...input]);
  const y = tf.oneHot(tf.tensor1d([1, 7, 3, 9], 'int32'), 10);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.forward(x, true)) as tf.Scalar, model.params.map((p) => p.variable));
  const byVariable = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const out: Record<string, Float32Array> = {};
  for (const [name, g] of Object.entries(grads)) out[byVariable.get(name) ?? name] = (await g.data()) as Float32Array;
  const loss = (await value.data())[0];
  tf.dispose([x, y, value, ...Object.values(grads)]);
  model.dispose();
  return { loss, grads: out };
}

describe('every model kind trains on webgpu as on the cpu backend', { timeout: 600_000 }, () => {
  before(async () => {
    const probe = await probeWebgpu();
    assert.ok(probe.ok, `a WebGPU adapter (lavapipe on CI): ${probe.ok ? '' : probe.reason}`);
    assert.equal(await useWebgpuBackend(probe), null);
  });

  for (const { name, config, input, tokens } of cases) {
    it(name, async () => {
      const parsed = modelConfigSchema.parse(config);
      await tf.setBackend('cpu');
      const want = await lossAndGrads(parsed, input, tokens);
      assert.ok(await tf.setBackend('webgpu'));
      const got = await lossAndGrads(parsed, input, tokens);
      assert.ok(Math.abs(got.loss - want.loss) <= 1e-5 * Math.abs(want.loss), `loss: webgpu ${got.loss}, cpu ${want.loss}`);
      const norms = Object.fromEntries(Object.entries(want.grads).map(([param, values]) => [param, Math.sqrt(values.reduce((s, v) => s + v * v, 0))]));
      const largest = Math.max(...Object.values(norms));
      for (const [param, values] of Object.entries(want.grads)) {
        // Relative to the gradient's norm, with a floor at 1e-5 of the model's largest: gradients that are
        // zero in exact arithmetic (a conv bias before batch norm, attention's key bias) are rounding noise.
        const diff = Math.sqrt(values.reduce((s, v, i) => s + (v - got.grads[param][i]) ** 2, 0));
        assert.ok(diff <= 1e-4 * norms[param] + 1e-5 * largest, `${param}: gradient differs by ${diff.toExponential(2)} (norm ${norms[param].toExponential(2)})`);
      }
    });
  }
});
