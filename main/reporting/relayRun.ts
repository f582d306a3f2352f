import type { ToTrainerMessage } from '../../shared/training/trainerMessages.js';
import { ChildProcessLauncher } from '../runs/childProcessLauncher.js';
import type { TrainerLauncher } from '../runs/trainerLauncher.js';
import { CheckpointPublisher } from './checkpointPublisher.js';
import { ReportClient } from './reportClient.js';

export interface RelayRunOptions {
  /** The run's report address (`…/api/report/runs/<id>`) and its token. */
  url: string;
  token: string;
  start: Extract<ToTrainerMessage, { type: 'start' }>;
  /**
   * `task`: a scheduler's task, whose end (time limit, scancel, a kill) the scheduler reports: a
   * SIGTERM sends what is queued and exits. `hand`: a run started by hand, whose end is reported
   * here: a SIGINT/SIGTERM cancels the run.
   */
  mode: 'task' | 'hand';
  launcher?: TrainerLauncher;
  log?: (line: string) => void;
}

/**
 * Trains a run on this machine in the app's own training process and relays every message it sends
 * to the app over HTTP (the app stores them; nothing here writes a database). Resolves with the exit
 * status for this process.
 */
export async function relayRun(options: RelayRunOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.error(`optlab: ${line}`));
  const handle = (options.launcher ?? new ChildProcessLauncher({ maxOldSpaceSizeMb: 8192, forwardOutput: true })).launch();
  const publisher = options.start.checkpointDir === undefined ? undefined : new CheckpointPublisher(options.start.checkpointDir);
  const start = publisher ? { ...options.start, checkpointDir: publisher.pendingDir } : options.start;
  const client = new ReportClient(options.url, options.token, {
    onAcknowledged: (received) => publisher?.acknowledged(received),
    onCancel: () => {
      log(`run ${options.start.runId}: the app cancelled it`);
      handle.send({ type: 'cancel' });
    },
    onRefused: (reason) => {
      log(`run ${options.start.runId}: the app refused its reports (${reason}); stopping`);
      handle.kill();
    },
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => handle.onExit((code, signal) => resolve({ code, signal })));
  handle.onMessage((message) => {
    if (message.type !== 'checkpoint' || !publisher) return client.push(message);
    try {
      client.push({ ...message, path: publisher.publish(message.epoch, client.pushedCount) });
    } catch (error) {
      log(`run ${options.start.runId}: could not keep the checkpoint of epoch ${message.epoch} (${(error as Error).message})`);
    }
  });
  handle.onInvalidMessage((problem) => {
    client.push({ type: 'failed', error: `The training process sent an invalid message: ${problem}` });
    handle.kill();
  });
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (options.mode === 'hand' && !signalled) {
      signalled = true;
      log(`run ${options.start.runId}: ${signal}, cancelling (again to stop at once)`);
      handle.send({ type: 'cancel' });
      return;
    }
    handle.kill();
    client.setDiagnostics(handle.diagnostics());
    void client.close(3000).then(() => process.exit(143));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  handle.send(start);
  const { code, signal } = await exited;
  client.setDiagnostics(handle.diagnostics());
  if (options.mode === 'hand') client.end(code, signal);
  await client.close();
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return code ?? 1;
}
