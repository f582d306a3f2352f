import assert from 'node:assert/strict';
import { test } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, type SingleOptimizerConfig } from '../../../../../shared/config/optimizerConfig.js';
import { runTrajectory } from '../../../../../shared/ml/surfaces/runTrajectory.js';
import { rosenbrock } from '../../../../../shared/ml/surfaces/rosenbrock.js';
import { SupersededError, TrajectoryPool, type TrajectoryWorker } from '../../../../../renderer/src/playground/trajectoryPool.js';
import { requestKey, type TrajectoryRequest } from '../../../../../renderer/src/playground/trajectoryRequest.js';

// Without workers the pool computes on the calling thread, as a page without worker support does.
const mas = optimizerConfigSchema.parse({ type: 'mas', lr: 1e-4 }) as SingleOptimizerConfig;
const request = (steps: number, start: [number, number] = [3, 1]): TrajectoryRequest => ({ surface: 'rosenbrock', optimizer: mas, steps, start });

test('a path from the pool is the path runTrajectory gives for the same request', async () => {
  const pool = new TrajectoryPool(null);
  const path = await pool.compute(request(50, [2, 2]));
  assert.deepEqual(path, runTrajectory(rosenbrock, mas, 50, [2, 2]));
  pool.dispose();
});

test('the same request twice is computed once; a queued request nobody wants is dropped', async () => {
  const pool = new TrajectoryPool(null);
  const first = pool.compute(request(20));
  assert.equal(pool.compute(request(20)), first, 'the same promise');
  const stale = pool.compute(request(30));
  const wanted = pool.compute(request(40));
  pool.prune(new Set([requestKey(request(20)), requestKey(request(40))]));
  await assert.rejects(stale, SupersededError);
  assert.equal((await first).length, 21);
  assert.equal((await wanted).length, 41);
  pool.dispose();
});

test('a worker that cannot run hands its job back: the path is computed on this thread', async () => {
  let terminated = 0;
  const failing = (): TrajectoryWorker => {
    let fail = () => {};
    return {
      postMessage: () => queueMicrotask(fail),
      terminate: () => terminated++,
      listen: (_onReply, onFailure) => {
        fail = onFailure;
      },
    };
  };
  const pool = new TrajectoryPool(failing, 2);
  const path = await pool.compute(request(10));
  assert.deepEqual(path, runTrajectory(rosenbrock, mas, 10, [3, 1]));
  assert.equal(terminated, 2, 'both workers are let go');
  pool.dispose();
});
