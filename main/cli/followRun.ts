import { SingleBar, Presets } from 'cli-progress';
import { finishedStatuses, metricKeys, type RunSummary } from '../../shared/runs/runTypes.js';
import type { AppServices } from '../app/createAppServices.js';
import { backendSummary } from '../../shared/training/backendInfo.js';

/**
 * Starts a run (`start` creates, resumes… it and returns it) and follows it to its end: a progress
 * bar with the epoch, ETA and last loss on stderr (unless quiet), then the outcome and last epoch
 * metrics on stdout; the exit code is 0 only for a completed run.
 */
export async function followRun(services: AppServices, start: () => Promise<RunSummary>, options: { quiet?: boolean }): Promise<RunSummary> {
  const bar = new SingleBar(
    { format: 'run {id} |{bar}| {percentage}% | epoch {epoch}/{epochs} | ETA {eta_formatted} | loss {loss}', hideCursor: true, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000 },
    Presets.shades_classic,
  );
  let runId: number | undefined;
  const payload = { id: 0, epoch: 0, epochs: 0, loss: '-' };
  let resolveEnd: (run: RunSummary) => void = () => {};
  const ended = new Promise<RunSummary>((resolve) => (resolveEnd = resolve));
  const unsubscribe = services.onEvent((event) => {
    if (event.type === 'metrics' && event.runId === runId) {
      const last = event.points.findLast((p) => p.key === metricKeys.trainLossStep || p.key === metricKeys.trainLoss);
      if (last) payload.loss = last.value.toPrecision(4);
    }
    if (event.type !== 'run-updated' || event.run.id !== runId) return;
    const { progress } = event.run;
    if (progress && !options.quiet) {
      bar.setTotal(progress.totalSteps);
      bar.update(progress.step, { ...payload, epoch: progress.epoch });
    }
    if (finishedStatuses.includes(event.run.status)) resolveEnd(event.run);
  });
  try {
    const started = await start();
    runId = started.id;
    Object.assign(payload, { id: started.id, epoch: started.checkpoint?.epoch ?? 0, epochs: started.config.training.epochs });
    if (!options.quiet) bar.start(1, 0, payload);
    const done = await ended;
    bar.stop();
    const metrics = Object.entries(done.lastMetrics).map(([k, v]) => `${k}=${v.toPrecision(4)}`).join(' ');
    console.log(`run ${done.id} ${done.status}${done.error ? `: ${done.error}` : ''}${metrics ? `\n${metrics}` : ''}`);
    if (done.backend) console.log(`backend ${backendSummary(done.backend)}`);
    process.exitCode = done.status === 'completed' ? 0 : 1;
    return done;
  } finally {
    bar.stop();
    unsubscribe();
  }
}
