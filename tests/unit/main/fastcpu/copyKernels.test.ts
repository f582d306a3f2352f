import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { originalCpuKernel } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { assertRegistered, requiredSkip } from './gradientHarness.js';
import { compareWithReference, randInt, randomTensor } from './kernelHarness.js';

function randomShape(rank: number): number[] {
  return Array.from({ length: rank }, () => randInt(1, 7));
}

describe('block-copy Slice, SplitV, Concat and PadV2 against the cpu kernels', { skip: requiredSkip }, () => {
  it('are registered', () => {
    for (const name of ['Slice', 'SplitV', 'Concat', 'PadV2']) assertRegistered(name);
  });

  it('Slice: random boxes of ranks 1–5 (strided and contiguous), exactly', () => {
    for (let trial = 0; trial < 30; trial++) {
      const shape = randomShape(randInt(1, 5));
      const begin = shape.map((d) => randInt(0, d - 1));
      const size = shape.map((d, i) => (trial % 4 === 0 ? -1 : randInt(1, d - begin[i]!)));
      const x = randomTensor(shape);
      compareWithReference('Slice', { x }, { begin, size }, { tolerance: 0 });
      x.dispose();
    }
    // Runs long enough for TypedArray.set (the channel slices of a concatenation's gradient).
    const x = randomTensor([2, 3, 3, 130]);
    compareWithReference('Slice', { x }, { begin: [0, 1, 0, 7], size: [2, 2, 3, 100] }, { tolerance: 0 });
    x.dispose();
  });

  it('Concat along every axis of 2–4 inputs, and along channels of NHWC (DenseNet’s), exactly', () => {
    for (let trial = 0; trial < 20; trial++) {
      const rank = randInt(1, 4);
      const base = randomShape(rank);
      const axis = randInt(0, rank - 1);
      const tensors = Array.from({ length: randInt(2, 4) }, () => {
        const shape = base.slice();
        shape[axis] = randInt(1, trial % 2 === 0 ? 5 : 70);
        return randomTensor(shape);
      });
      compareWithReference('Concat', tensors as unknown as Record<string, tf.Tensor>, { axis }, { tolerance: 0 });
      tf.dispose(tensors);
    }
  });

  it('SplitV by sizes and by count along each axis gives the cpu kernel’s pieces, exactly', () => {
    const backend = tf.backend() as MathBackendCPU;
    for (let trial = 0; trial < 12; trial++) {
      const shape = randomShape(randInt(1, 4));
      const axis = randInt(0, shape.length - 1);
      shape[axis] = 6 * randInt(1, 3);
      const splits = trial % 2 === 0 ? 3 : [1, shape[axis]! - 3, 2];
      const x = randomTensor(shape);
      const fast = tf.engine().runKernel('SplitV', { x }, { numOrSizeSplits: splits, axis }) as tf.Tensor[];
      const refInfos = originalCpuKernel('SplitV')!.kernelFunc({ inputs: { x }, backend, attrs: { numOrSizeSplits: splits, axis } }) as tf.TensorInfo[];
      const ref = refInfos.map((info) => tf.engine().makeTensorFromTensorInfo(info));
      assert.equal(fast.length, ref.length);
      fast.forEach((t, i) => {
        assert.deepEqual(t.shape, ref[i]!.shape);
        assert.deepEqual(Array.from(t.dataSync()), Array.from(ref[i]!.dataSync()), `piece ${i}`);
      });
      tf.dispose([x, ...fast, ...ref]);
    }
  });

  it('PadV2 with zero and non-zero constants, exactly', () => {
    for (let trial = 0; trial < 12; trial++) {
      const shape = randomShape(randInt(1, 4));
      const paddings = shape.map(() => [randInt(0, 3), randInt(0, 3)]);
      const x = randomTensor(shape);
      compareWithReference('PadV2', { x }, { paddings, constantValue: trial % 3 === 0 ? 0 : -1.5 }, { tolerance: 0 });
      x.dispose();
    }
  });

  it('int32 tensors fall back to the cpu kernels', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    compareWithReference('Slice', { x }, { begin: [0, 1], size: [2, 2] }, { native: false, tolerance: 0 });
    x.dispose();
  });
});
