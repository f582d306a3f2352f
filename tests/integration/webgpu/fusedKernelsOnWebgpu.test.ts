/**
 * The fused WebGPU kernels (main/webgpu/) equal the cpu backend's tfjs-op compositions to float32
 * precision: GELU and its gradient, layer norm and its dx, dγ, dβ, at odd shapes (rows longer than a
 * workgroup, rows of one, a length that is no multiple of anything), and the model layers run them
 * (one kernel, no Erf) on webgpu. Fails where there is no WebGPU adapter, like the other webgpu tests.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { probeWebgpu, useWebgpuBackend } from '../../../main/backend/webgpuBackend.js';
import { WEBGPU_FUSED_KERNELS } from '../../../main/webgpu/registerWebgpuKernels.js';
import { gelu, geluReference } from '../../../shared/ml/models/layers/gelu.js';
import { layerNormOp, layerNormReference } from '../../../shared/ml/models/layers/layerNorm.js';
import { createRandom } from '../../../shared/ml/random.js';

function normals(n: number, seed: number, scale = 1, offset = 0): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => offset + scale * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/** Max |a − b| within `tolerance` of the largest |b| (at least 1). */
function assertNear(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tolerance = 2e-5): void {
  assert.equal(a.length, b.length, `${what}: length`);
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tolerance * scale, `${what}[${i}]: ${a[i]} vs ${b[i]} (scale ${scale})`);
}

/** The value of f and the gradients of Σ f·dy with respect to inputs, on `backend`, read back. */
async function valueAndGrads(backend: string, f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: Array<{ values: Float32Array; shape: number[] }>, dy: Float32Array): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const xs = inputs.map((input) => tf.tensor(input.values, input.shape));
  const probe = tf.tensor(dy, inputs[0]!.shape);
  const value = f(...xs);
  const grads = tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(f(...args), probe)))(xs);
  const out = await Promise.all([value, ...grads].map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([...xs, probe, value, ...grads]);
  return out;
}

/** The kernels one call of f runs on webgpu. */
async function kernelsOf(f: () => tf.Tensor): Promise<string[]> {
  const info = await tf.profile(() => f());
  return info.kernelNames;
}

describe('fused WebGPU kernels equal the cpu compositions', { timeout: 300_000 }, () => {
  before(async () => {
    const probe = await probeWebgpu();
    assert.ok(probe.ok, `a WebGPU adapter (lavapipe on CI): ${probe.ok ? '' : probe.reason}`);
    assert.equal(await useWebgpuBackend(probe), null);
    for (const name of WEBGPU_FUSED_KERNELS) assert.ok(tf.getKernel(name, 'webgpu'), `${name} registered on webgpu`);
  });

  for (const shape of [[3, 5, 7], [4099], [1, 1]]) {
    it(`GELU and its gradient, shape ${JSON.stringify(shape)}`, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const x = { values: normals(n, 3, 3), shape };
      const dy = normals(n, 4);
      const want = await valueAndGrads('cpu', geluReference, [x], dy);
      const got = await valueAndGrads('webgpu', gelu, [x], dy);
      assertNear(got[0]!, want[0]!, 'y');
      assertNear(got[1]!, want[1]!, 'dx');
    });
  }

  const layerNormCases = [
    { shape: [2, 3, 17], epsilon: 1e-5, offset: 0 },
    { shape: [7, 130], epsilon: 1e-6, offset: 5 },
    { shape: [3, 1], epsilon: 1e-5, offset: 0 },
    { shape: [5, 768], epsilon: 1e-12, offset: 0 },
  ];
  for (const { shape, epsilon, offset } of layerNormCases) {
    it(`layer norm, dx, dγ, dβ, shape ${JSON.stringify(shape)}, ε ${epsilon}`, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const cols = shape[shape.length - 1]!;
      const inputs = [
        { values: normals(n, 5, 2, offset), shape },
        { values: normals(cols, 6, 0.5, 1), shape: [cols] },
        { values: normals(cols, 7), shape: [cols] },
      ];
      const dy = normals(n, 8);
      const want = await valueAndGrads('cpu', (x, g, b) => layerNormReference(x!, g!, b!, epsilon), inputs, dy);
      const got = await valueAndGrads('webgpu', (x, g, b) => layerNormOp(x!, g!, b!, epsilon), inputs, dy);
      // A one-wide row normalises to 0 (x − mean is 0): its dx is 0 on both sides.
      ['y', 'dx', 'dγ', 'dβ'].forEach((what, i) => assertNear(got[i]!, want[i]!, what, 1e-4));
    });
  }

  it('the layers run one fused kernel on webgpu (no Erf, no Mean)', async () => {
    await tf.setBackend('webgpu');
    const x = tf.randomNormal([4, 96]);
    const g = tf.ones([96]);
    const b = tf.zeros([96]);
    const geluKernels = await kernelsOf(() => gelu(x));
    const normKernels = await kernelsOf(() => layerNormOp(x, g, b, 1e-5));
    tf.dispose([x, g, b]);
    assert.deepEqual(geluKernels, ['OptlabGelu']);
    assert.deepEqual(normKernels, ['OptlabLayerNorm']);
  });
});
