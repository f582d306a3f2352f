import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { batchNorm, trainBatchNormKernelName } from '../../../../shared/ml/models/layers/batchNorm.js';
import { ParamBuilder } from '../../../../shared/ml/models/paramBuilder.js';
import { optionalPathsRequired } from '../../../support/requiredPaths.js';
import { assertNear, countCalls, withoutKernel } from './gradientHarness.js';
import { randInt, randomTensor, skipReason } from './kernelHarness.js';

/** γ values of both signs, fixed per trial. */
function randomTensorLike(channels: number, trial: number): tf.Tensor {
  return tf.tensor1d(Array.from({ length: channels }, (_, i) => Math.sin(1.7 * i + trial) * 1.5));
}

interface Trained {
  y: Float32Array;
  dx: Float32Array;
  dGamma: Float32Array;
  dBeta: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
}

/**
 * A batch-norm layer with γ, β set to random values, one training-mode forward of x and the gradients of
 * Σ y·probe with respect to x, γ and β, then its running statistics.
 */
function trainOnce(shape: number[], x: tf.Tensor, probe: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, options: { relu?: boolean; silu?: boolean }): Trained {
  const builder = new ParamBuilder(7);
  const layer = batchNorm(builder, 'b', 'bn', shape.slice(1), options);
  const [gammaVar, betaVar] = builder.params.map((p) => p.variable);
  gammaVar!.assign(gamma);
  betaVar!.assign(beta);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, true), probe)) as tf.Scalar, [gammaVar!, betaVar!]);
  value.dispose();
  const dx = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(layer.apply(xi, true), probe)))(x);
  // The gradient call applied the layer once more (same batch, so the same statistics): running
  // statistics read after one apply of their own.
  const [runningMean, runningVar] = builder.state.map((s) => s.variable);
  runningMean!.assign(tf.zeros(runningMean!.shape));
  runningVar!.assign(tf.ones(runningVar!.shape));
  const y = tf.tidy(() => layer.apply(x, true));
  const out: Trained = {
    y: y.dataSync() as Float32Array,
    dx: dx.dataSync() as Float32Array,
    dGamma: grads[gammaVar!.name]!.dataSync() as Float32Array,
    dBeta: grads[betaVar!.name]!.dataSync() as Float32Array,
    runningMean: runningMean!.dataSync() as Float32Array,
    runningVar: runningVar!.dataSync() as Float32Array,
  };
  tf.dispose([y, dx, ...Object.values(grads)]);
  for (const p of [...builder.params, ...builder.state]) p.variable.dispose();
  return out;
}

/** Why the tests skip: no addon, or one built before native/src/batchnorm.cc (they fail instead where the optional paths are required). */
const unavailable =
  skipReason || (tf.getKernel(trainBatchNormKernelName, 'cpu') === undefined ? 'skipped: the native addon predates native/src/batchnorm.cc (rebuild: npx node-gyp rebuild -C native)' : false);

describe('training-mode batch norm (OptlabBatchNormTrain) against the tfjs composition', { skip: !optionalPathsRequired && unavailable }, () => {
  it('the kernel is registered on cpu + native', () => {
    assert.ok(tf.getKernel(trainBatchNormKernelName, 'cpu'), String(unavailable));
  });

  for (const options of [{}, { relu: true }, { silu: true }]) {
    const label = options.relu ? ' + ReLU' : 'silu' in options ? ' + SiLU' : '';
    it(`batch norm${label}: output, dx, dγ, dβ and the running mean/variance (momentum 0.1, unbiased), random shapes`, () => {
      for (let trial = 0; trial < 5; trial++) {
        const channels = randInt(1, 37);
        const shape = trial % 2 === 0 ? [randInt(1, 6), randInt(1, 9), randInt(1, 9), channels] : [randInt(2, 40), channels];
        // A mean far from zero checks that the variance does not cancel.
        const x = tf.tidy(() => tf.add(tf.mul(randomTensor(shape), 3), trial === 3 ? 50 : 0.5));
        const probe = randomTensor(shape);
        const gamma = randomTensor([channels]);
        const beta = randomTensor([channels]);
        let fast: Trained | undefined;
        const calls = countCalls(`${trainBatchNormKernelName}Grad`, () => (fast = trainOnce(shape, x, probe, gamma, beta, options)));
        assert.equal(calls, 2, 'the gradient ran natively, once per gradient call');
        const ref = withoutKernel(trainBatchNormKernelName, () => trainOnce(shape, x, probe, gamma, beta, options));
        assertNear(fast!.y, ref.y, 'y');
        assertNear(fast!.dx, ref.dx, 'dx', 1e-4);
        assertNear(fast!.dGamma, ref.dGamma, 'dγ', 1e-4);
        assertNear(fast!.dBeta, ref.dBeta, 'dβ');
        assertNear(fast!.runningMean, ref.runningMean, 'running mean');
        assertNear(fast!.runningVar, ref.runningVar, 'running variance');
        tf.dispose([x, probe, gamma, beta]);
      }
    });
  }

  it('ReLU(BN(x) + shortcut), a residual block’s end: output and the gradients of x, the shortcut, γ and β', () => {
    for (let trial = 0; trial < 4; trial++) {
      const channels = randInt(1, 20);
      const shape = [randInt(1, 5), randInt(1, 7), randInt(1, 7), channels];
      const x = randomTensor(shape);
      const shortcut = randomTensor(shape);
      const probe = randomTensor(shape);
      const run = () => {
        const builder = new ParamBuilder(3);
        const layer = batchNorm(builder, 'b', 'bn', shape.slice(1));
        const [gammaVar, betaVar] = builder.params.map((p) => p.variable);
        gammaVar!.assign(tf.tidy(() => tf.add(randomTensorLike(channels, trial), 0)));
        const f = (xi: tf.Tensor, si: tf.Tensor) => tf.sum(tf.mul(layer.applyAddRelu(xi, si, true), probe));
        const [dx, ds] = tf.grads(f)([x, shortcut]);
        const { grads } = tf.variableGrads(() => f(x, shortcut) as tf.Scalar, [gammaVar!, betaVar!]);
        const y = tf.tidy(() => layer.applyAddRelu(x, shortcut, true));
        const out = [y, dx!, ds!, grads[gammaVar!.name]!, grads[betaVar!.name]!].map((t) => t.dataSync() as Float32Array);
        for (const p of [...builder.params, ...builder.state]) p.variable.dispose();
        return out;
      };
      let fast: Float32Array[] = [];
      const calls = countCalls(`${trainBatchNormKernelName}Grad`, () => (fast = run()));
      assert.equal(calls, 2, 'the gradient ran natively');
      const ref = withoutKernel(trainBatchNormKernelName, run);
      ['y', 'dx', 'd shortcut', 'dγ', 'dβ'].forEach((what, i) => assertNear(fast[i]!, ref[i]!, what, 1e-4));
      tf.dispose([x, shortcut, probe]);
    }
  });

  it('the running statistics follow nn.BatchNorm2d: 0.9·old + 0.1·batch, the variance unbiased', () => {
    // x = [1, 3] in one channel: mean 2, biased variance 1, unbiased 2.
    const builder = new ParamBuilder(1);
    const layer = batchNorm(builder, 'b', 'bn', [1]);
    const y = layer.apply(tf.tensor2d([[1], [3]]), true);
    assertNear(y.dataSync(), [-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)], 'y', 1e-6);
    const [runningMean, runningVar] = builder.state.map((s) => s.variable.dataSync());
    assertNear(runningMean!, [0.2], 'running mean', 1e-6);
    assertNear(runningVar!, [0.9 + 0.2], 'running variance', 1e-6);
    y.dispose();
  });

  it('the kernel takes the gradients that reach its mean and variance outputs', () => {
    const x = randomTensor([6, 3]);
    const gamma = randomTensor([3]);
    const beta = randomTensor([3]);
    const f = (xi: tf.Tensor) => {
      const [y, mean, variance] = tf.engine().runKernel(trainBatchNormKernelName, { x: xi, gamma, beta }, { epsilon: 1e-5, relu: false }) as tf.Tensor[];
      return tf.add(tf.sum(tf.square(y!)), tf.add(tf.sum(tf.mul(mean!, [1, -2, 3])), tf.sum(tf.mul(variance!, [0.5, 2, -1]))));
    };
    const reference = (xi: tf.Tensor) => {
      const { mean, variance } = tf.moments(xi, [0]);
      const y = tf.batchNorm(xi, mean, variance, beta, gamma, 1e-5);
      return tf.add(tf.sum(tf.square(y)), tf.add(tf.sum(tf.mul(mean, [1, -2, 3])), tf.sum(tf.mul(variance, [0.5, 2, -1]))));
    };
    assertNear(tf.grad(f)(x).dataSync(), tf.grad(reference)(x).dataSync(), 'dx', 1e-4);
  });
});
