import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { loadNativeAddon } from '../../../../main/fastcpu/loadNativeAddon.js';
import {
  ADAM_DIRECTION_KERNEL,
  originalCpuKernel,
  registerFastCpuKernels,
  unregisterFastCpuKernels,
} from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { optionalPathsRequired } from '../../../support/requiredPaths.js';
import { nativeKernelsMissing, skipReason } from './kernelHarness.js';

test('the native kernels are built (required in CI; elsewhere their tests skip)', { skip: !optionalPathsRequired && skipReason }, () => {
  assert.equal(nativeKernelsMissing, null, `the native kernels did not build or load: ${nativeKernelsMissing ?? ''}`);
});

test('registration is idempotent, sets the BLAS threads, and unregistering restores the cpu kernels', { skip: skipReason }, () => {
  const loaded = loadNativeAddon();
  assert.ok(loaded.ok);
  // A run's threads are the native pool's; OpenBLAS stays on one unless it is asked for more.
  assert.ok(registerFastCpuKernels({ threads: 2, blasThreads: 2 }).ok);
  assert.equal(loaded.addon.getNumThreads(), 2);
  const first = registerFastCpuKernels({ threads: 2 });
  assert.ok(first.ok);
  assert.equal(loaded.addon.getNumThreads(), 1);
  for (const name of ['_FusedMatMul', 'BatchMatMul', 'FusedConv2D', 'Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPool', 'MaxPoolGrad', ADAM_DIRECTION_KERNEL]) {
    assert.ok(first.kernels.includes(name), name);
  }
  const original = originalCpuKernel('BatchMatMul');
  const fast = tf.getKernel('BatchMatMul', 'cpu');
  assert.ok(original && fast && fast.kernelFunc !== original.kernelFunc);

  const second = registerFastCpuKernels();
  assert.ok(second.ok);
  assert.deepEqual(second.kernels, first.kernels);
  assert.equal(loaded.addon.getNumThreads(), 1);
  assert.equal(originalCpuKernel('BatchMatMul'), original, 'the original is kept across registrations');

  unregisterFastCpuKernels();
  assert.equal(tf.getKernel('BatchMatMul', 'cpu')?.kernelFunc, original.kernelFunc);
  assert.equal(tf.getKernel(ADAM_DIRECTION_KERNEL, 'cpu'), undefined);
  assert.ok(registerFastCpuKernels().ok);
});
