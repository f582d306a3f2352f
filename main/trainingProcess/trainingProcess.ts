/**
 * Entry point of a run's training process (Electron utilityProcess or child_process.fork): waits
 * for `start`, picks the backend, trains, reports metrics and the outcome, then exits. A crash here
 * never reaches the app: the main process sees the exit and marks the run failed.
 */
// First: every thread started after it runs at the training priority.
import './trainingPriority.js';
import type { FromTrainerMessage } from '../../shared/training/trainerMessages.js';
import { loadFastCpuKernels } from '../backend/fastCpuKernels.js';
import { selectBackend } from '../backend/selectBackend.js';
import { CancelledError, DivergedError } from './divergence.js';
import { MetricReporter } from './metricReporter.js';
import { openTrainerChannel } from './trainerChannel.js';
import { trainRun } from './trainRun.js';
import { modelBackendNeeds } from '../../shared/ml/models/backendNeeds.js';
import { optimizerReadsSynchronously } from '../../shared/ml/optim/synchronousReads.js';

const channel = openTrainerChannel();
let cancelled = false;
let started = false;

function finish(message: FromTrainerMessage): void {
  channel.send(message);
  // Let the IPC channel deliver the last message before exiting.
  setTimeout(() => process.exit(0), 50);
}

channel.onMessage((message) => {
  if (message.type === 'cancel') {
    cancelled = true;
    if (!started) finish({ type: 'cancelled' });
    return;
  }
  if (started) return;
  started = true;
  void (async () => {
    const reporter = new MetricReporter((m) => channel.send(m));
    try {
      const { model } = message.config;
      // wasm lacks both Conv2D backprop and the embedding (gather) gradient: either rules it out.
      const needs = modelBackendNeeds(model);
      const backend = await selectBackend({
        needs: { convolutions: needs.convolutions || needs.embeddingGradients, synchronousReads: optimizerReadsSynchronously(message.config.optimizer) },
        choice: message.config.training.device,
        fastCpu: loadFastCpuKernels,
        threads: message.config.training.threads ?? message.threads ?? 1,
      });
      channel.send({ type: 'started', backend });
      await trainRun({
        config: message.config,
        dataDir: message.dataDir,
        reporter,
        isCancelled: () => cancelled,
        checkpoint: message.checkpointDir === undefined ? undefined : { dir: message.checkpointDir, runId: message.runId },
        resumeFrom: message.resume?.path,
      });
      reporter.flush();
      finish({ type: 'completed' });
    } catch (error) {
      reporter.flush();
      if (error instanceof CancelledError) finish({ type: 'cancelled' });
      else if (error instanceof DivergedError) finish({ type: 'diverged', reason: error.message });
      else finish({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
