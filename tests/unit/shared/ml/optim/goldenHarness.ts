import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { ModelParam } from '../../../../../shared/ml/models/model.js';
import type { Optimizer } from '../../../../../shared/ml/optim/optimizer.js';

/** The golden vectors written by tests/golden/make_optimizer_golden.py. */
export interface GoldenFile {
  generator: string;
  steps: number;
  params: Record<string, { shape: number[]; values: number[] }>;
  grads: Record<string, number[] | null>[];
  cases: { name: string; config: Record<string, unknown>; expected: Record<string, number[]>[] }[];
}

export function loadGolden(): GoldenFile {
  const url = new URL('../../../../golden/optimizers.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as GoldenFile;
}

/** Fresh variables with the golden initial values, in block `golden`. */
export function goldenParams(golden: GoldenFile): ModelParam[] {
  return Object.entries(golden.params).map(([name, p]) => ({
    name,
    block: name === 'w' ? 'hidden' : 'output',
    variable: tf.variable(tf.tensor(p.values, p.shape, 'float32'), true, `golden_${name}_${Math.random()}`),
  }));
}

/** Float32 agreement: |a − e| ≤ abs + rel·|e| for every element. */
export function assertClose(actual: ArrayLike<number>, expected: number[], what: string, rel = 1e-5, abs = 1e-6): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Math.abs(a - e) <= abs + rel * Math.abs(e);
    if (!ok) assert.fail(`${what}[${i}]: got ${a}, expected ${e} (diff ${Math.abs(a - e)})`);
  }
}

/** Runs the golden gradient sequence through an optimizer and checks the parameters after each step. */
export function runGoldenCase(golden: GoldenFile, caseIndex: number, make: (params: ModelParam[]) => Optimizer): void {
  const c = golden.cases[caseIndex];
  const params = goldenParams(golden);
  const optimizer = make(params);
  try {
    golden.grads.forEach((stepGrads, step) => {
      const grads: Record<string, tf.Tensor> = {};
      for (const p of params) {
        const g = stepGrads[p.name];
        if (g !== null) grads[p.name] = tf.tensor(g, golden.params[p.name].shape, 'float32');
      }
      optimizer.step(grads);
      tf.dispose(Object.values(grads));
      for (const p of params) assertClose(p.variable.dataSync(), c.expected[step][p.name], `${c.name}: ${p.name} after step ${step + 1}`);
    });
  } finally {
    optimizer.dispose();
    for (const p of params) p.variable.dispose();
  }
}
