/// <reference lib="webworker" />
// The playground's worker: computes optimizer paths off the page's thread.
import '../zodSetup.js';
import { computeTrajectory } from './computeTrajectory.js';
import type { TrajectoryJob, TrajectoryReply } from './trajectoryRequest.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<TrajectoryJob>) => {
  const { jobId, request } = event.data;
  let reply: TrajectoryReply;
  try {
    reply = { jobId, path: await computeTrajectory(request) };
  } catch (error) {
    reply = { jobId, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
