import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import type { TrainerHandle, TrainerLauncher } from '../../../main/runs/trainerLauncher.js';
import type { AppServices } from '../../../main/app/createAppServices.js';
import type { RunConfig } from '../../../shared/config/runConfig.js';

/** Starts real training processes and keeps their handles, so a test can SIGKILL one. */
export class KeepingLauncher implements TrainerLauncher {
  readonly handles: TrainerHandle[] = [];
  private readonly inner = new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 });

  launch(): TrainerHandle {
    const handle = this.inner.launch();
    this.handles.push(handle);
    return handle;
  }
}

/**
 * Creates a run of `config` and calls `stop` (with its id) as soon as the run records a checkpoint of
 * epoch `epoch` or later; resolves with the run's id once `stop` has resolved.
 */
export async function stopAtCheckpoint(services: AppServices, config: RunConfig, epoch: number, stop: (runId: number) => Promise<void> | void): Promise<number> {
  let runId = 0;
  let stopping = false;
  const stopped = new Promise<void>((resolve, reject) => {
    const off = services.onEvent((event) => {
      if (stopping || event.type !== 'run-updated' || event.run.id !== runId) return;
      if ((event.run.checkpoint?.epoch ?? 0) >= epoch) {
        stopping = true;
        off();
        Promise.resolve(stop(runId)).then(resolve, reject);
      } else if (event.run.status !== 'running' && event.run.status !== 'queued') {
        off();
        reject(new Error(`run ${runId} ended ${event.run.status} before a checkpoint of epoch ${epoch}: ${event.run.error ?? ''}`));
      }
    });
  });
  runId = (await services.handlers.createRun({ config })).id;
  await stopped;
  return runId;
}
