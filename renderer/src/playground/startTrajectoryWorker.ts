import type { TrajectoryReply } from './trajectoryRequest.js';
import type { TrajectoryWorker } from './trajectoryPool.js';

/** A Web Worker running trajectoryWorker.ts (Vite bundles it from this `new Worker(new URL(…))`). */
export function startTrajectoryWorker(): TrajectoryWorker {
  const worker = new Worker(new URL('./trajectoryWorker.ts', import.meta.url), { type: 'module', name: 'optlab-trajectories' });
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    listen(onReply, onFailure) {
      worker.onmessage = (event: MessageEvent<TrajectoryReply>) => onReply(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onFailure();
      };
    },
  };
}

/** One worker per core, at most 3 (the page keeps a core). */
export function trajectoryWorkerCount(): number {
  return Math.max(1, Math.min(3, navigator.hardwareConcurrency || 2));
}
