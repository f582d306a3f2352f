import { fromTrainerMessageSchema, type FromTrainerMessage, type ToTrainerMessage } from '../../shared/training/trainerMessages.js';
import type { SchedulerEnding } from '../../shared/cluster/slurmJobState.js';

/**
 * A running training process, whatever starts it (`child_process.fork` without Electron, Electron's
 * `utilityProcess` in the app). Every message it delivers has been validated; anything else the
 * process sends is reported through `onInvalidMessage`.
 */
export interface TrainerHandle {
  /** Sends a message; false when the process can no longer receive messages. */
  send(message: ToTrainerMessage): boolean;
  onMessage(listener: (message: FromTrainerMessage) => void): void;
  /** A message that is not a `FromTrainerMessage`, with why it was refused. */
  onInvalidMessage(listener: (problem: string) => void): void;
  /**
   * Called once when the process has ended and every message it sent has been delivered.
   * `code` is null when a signal ended it; both are null when it could not be started. A scheduler
   * that ran the process elsewhere says how its end ends the run (`ending`: a time limit, scancel).
   */
  onExit(listener: (code: number | null, signal: string | null, ending?: SchedulerEnding) => void): void;
  /** Ends the process at once (SIGKILL). */
  kill(): void;
  /** What the process wrote last on stderr (or why it could not start), to explain a crash. */
  diagnostics(): string;
  /**
   * At shutdown, lets go of a process that goes on without the app (a cluster's task): the run is
   * left as it is, to be reattached when the app starts again. False (or absent) when it cannot be.
   */
  detach?(): boolean;
}

export interface TrainerLauncher {
  launch(): TrainerHandle;
}

/** Checks a message received from a training process against the protocol. */
export function parseTrainerMessage(raw: unknown): { ok: true; message: FromTrainerMessage } | { ok: false; problem: string } {
  const parsed = fromTrainerMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const detail = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return { ok: false, problem: `${describe(raw)} (${detail})` };
}

function describe(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
