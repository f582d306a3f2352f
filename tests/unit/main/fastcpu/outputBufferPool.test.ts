import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { outputBufferPool } from '../../../../main/fastcpu/outputBufferPool.js';
import { skipReason } from './kernelHarness.js';

const N = 40_000; // above the pooled minimum (16Ki floats)

/** relu of a fresh random tensor of N floats (the native Relu writes its output into a pooled array). */
function reluOfRandom(seed: number): { input: Float32Array; out: tf.Tensor } {
  const x = tf.randomNormal([N], 0, 1, 'float32', seed);
  const input = Float32Array.from(x.dataSync());
  const out = tf.relu(x);
  x.dispose();
  return { input, out };
}

function assertRelu(values: ArrayLike<number>, input: Float32Array, label: string): void {
  for (let i = 0; i < input.length; i++) assert.equal(values[i], Math.max(0, input[i]!), `${label}[${i}]`);
}

describe('native kernel outputs reused from a pool', { skip: skipReason }, () => {
  it('a disposed output that was never read out is reused by the next output of its size', () => {
    const first = reluOfRandom(1);
    const before = outputBufferPool.stats().arrays;
    first.out.dispose();
    assert.equal(outputBufferPool.stats().arrays, before + 1);
    const second = reluOfRandom(2);
    assert.equal(outputBufferPool.stats().arrays, before, 'taken back out');
    assertRelu(second.out.dataSync(), second.input, 'second');
    second.out.dispose();
  });

  it('values read out with dataSync keep their contents after the tensor is disposed and more outputs are made', () => {
    const first = reluOfRandom(3);
    const values = first.out.dataSync();
    const before = outputBufferPool.stats().arrays;
    first.out.dispose();
    assert.equal(outputBufferPool.stats().arrays, before, 'not pooled');
    const others = [reluOfRandom(4), reluOfRandom(5)];
    assertRelu(values, first.input, 'read out');
    tf.dispose(others.map((o) => o.out));
  });

  it('a tensor sharing the data (reshape) keeps it alive until it is disposed too', () => {
    const first = reluOfRandom(6);
    const reshaped = tf.reshape(first.out, [200, 200]);
    first.out.dispose();
    const other = reluOfRandom(7);
    assertRelu(reshaped.dataSync(), first.input, 'reshaped');
    tf.dispose([reshaped, other.out]);
  });

  it('an output written with a view of another output’s memory stops that memory from being reused', () => {
    const first = reluOfRandom(8);
    const backend = tf.backend() as MathBackendCPU;
    const whole = backend.data.get(first.out.dataId).values as Float32Array;
    const head = tf.engine().makeTensorFromTensorInfo(backend.makeTensorInfo([100], 'float32', whole.subarray(0, 100)));
    const before = outputBufferPool.stats().arrays;
    first.out.dispose();
    assert.equal(outputBufferPool.stats().arrays, before, 'not pooled while a view may live');
    const other = reluOfRandom(9);
    assertRelu(head.dataSync(), first.input.subarray(0, 100), 'view');
    tf.dispose([head, other.out]);
  });
});
