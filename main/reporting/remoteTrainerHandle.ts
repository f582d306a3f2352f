import type { SchedulerEnding } from '../../shared/cluster/slurmJobState.js';
import type { ReportBatch, ReportReply } from '../../shared/training/reportProtocol.js';
import type { FromTrainerMessage, ToTrainerMessage } from '../../shared/training/trainerMessages.js';
import { parseTrainerMessage, type TrainerHandle } from '../runs/trainerLauncher.js';

export interface RemoteTrainerHooks {
  /** The app cancels the run (a cluster task: scancel; a run started by hand hears it in the next reply). */
  onCancel(): void;
  /** The app gives up on the run's process (after a cancel's grace period, at shutdown). */
  onKill(): void;
  /**
   * The process goes on without the app (a cluster's task): at shutdown the run is let go of, its
   * token kept, and reattached at the next start, instead of being killed.
   */
  detachable?: boolean;
}

const diagnosticsLimit = 4000;

/**
 * A training process on another machine, as the run queue sees one: its messages arrive in report
 * batches (checked here, in order, each message once), its end comes from its scheduler or from its
 * last report. The queue cannot tell it from a local process.
 */
export class RemoteTrainerHandle implements TrainerHandle {
  private readonly messageListeners: ((message: FromTrainerMessage) => void)[] = [];
  private readonly invalidListeners: ((problem: string) => void)[] = [];
  private readonly exitListeners: ((code: number | null, signal: string | null, ending?: SchedulerEnding) => void)[] = [];
  private received: number;
  private cancelAsked = false;
  private ended = false;
  private stderrTail = '';

  /** `received`: how many of the token's messages the app already holds (a reattached run's position). */
  constructor(
    private readonly hooks: RemoteTrainerHooks,
    received = 0,
  ) {
    this.received = received;
  }

  /** How many of the token's messages have been received. */
  get receivedCount(): number {
    return this.received;
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  send(message: ToTrainerMessage): boolean {
    if (this.ended) return false;
    if (message.type === 'cancel' && !this.cancelAsked) {
      this.cancelAsked = true;
      this.hooks.onCancel();
    }
    return true;
  }

  onMessage(listener: (message: FromTrainerMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onInvalidMessage(listener: (problem: string) => void): void {
    this.invalidListeners.push(listener);
  }

  onExit(listener: (code: number | null, signal: string | null, ending?: SchedulerEnding) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    if (this.ended) return;
    this.hooks.onKill();
    this.end(null, 'SIGKILL');
  }

  diagnostics(): string {
    return this.stderrTail.trim();
  }

  /** Lets go of the run without ending it (no exit is announced, the token stays), when its process goes on by itself. */
  detach(): boolean {
    if (this.ended || !this.hooks.detachable) return false;
    this.ended = true;
    return true;
  }

  /**
   * Takes a report batch: messages already received (a batch sent again) are skipped, the others
   * are delivered in order; a batch that starts past what was received is refused (a gap).
   */
  deliver(batch: ReportBatch): ReportReply | { gap: true; received: number } {
    if (batch.seq > this.received) return { gap: true, received: this.received };
    if (batch.diagnostics !== undefined) this.stderrTail = batch.diagnostics.slice(-diagnosticsLimit);
    const fresh = batch.messages.slice(this.received - batch.seq);
    for (const raw of fresh) {
      this.received += 1;
      if (this.ended) continue;
      const parsed = parseTrainerMessage(raw);
      if (parsed.ok) for (const listener of this.messageListeners) listener(parsed.message);
      else for (const listener of this.invalidListeners) listener(parsed.problem);
    }
    if (batch.ended) this.end(batch.ended.code, batch.ended.signal);
    return { received: this.received, cancel: this.cancelAsked };
  }

  /** The process has ended (said by its scheduler, with what that means for the run, or by its last report). */
  end(code: number | null, signal: string | null, ending?: SchedulerEnding): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.exitListeners) listener(code, signal, ending);
  }
}
