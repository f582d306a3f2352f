import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api/apiError.js';
import { parseOrThrow } from '../../shared/errors/inputError.js';
import { registerReportedRunSchema, reportBatchSchema, type ReportReply } from '../../shared/training/reportProtocol.js';
import type { RunQueue } from '../runs/runQueue.js';
import type { RunTokenStore } from '../store/runTokenStore.js';
import { RemoteTrainerHandle, type RemoteTrainerHooks } from './remoteTrainerHandle.js';

/** SHA-256 of a token, as stored: the database never holds a token itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The app's side of the report protocol: gives a run trained elsewhere its token (random, for that
 * run only, stored hashed, revoked when the run ends), and takes its reports: a write without the
 * run's live token is refused (401), one with another run's token too (403). Messages go to the run
 * queue like a local process's, so the app stays the one writer of its database.
 */
export class RunReports {
  private readonly handles = new Map<number, RemoteTrainerHandle>();

  constructor(
    private readonly options: {
      tokens: RunTokenStore;
      queue: RunQueue;
      /** Runs a batch's delivery and its new stream position as one database transaction (so a batch is stored once). */
      transaction?: <T>(work: () => T) => T;
      now?: () => Date;
    },
  ) {}

  /** Issues the run's new token (revoking any earlier one) and watches the run through the queue until it ends. */
  open(runId: number, hooks: RemoteTrainerHooks): { token: string; handle: RemoteTrainerHandle } {
    const token = `olr_${randomBytes(32).toString('base64url')}`;
    this.options.tokens.issue(runId, tokenHash(token), this.isoNow());
    return { token, handle: this.watch(runId, new RemoteTrainerHandle(hooks)) };
  }

  private watch(runId: number, handle: RemoteTrainerHandle): RemoteTrainerHandle {
    handle.onExit(() => {
      this.options.tokens.revoke(runId, this.isoNow());
      if (this.handles.get(runId) === handle) this.handles.delete(runId);
    });
    this.handles.set(runId, handle);
    this.options.queue.attach(runId, handle);
    return handle;
  }

  /**
   * Watches again a run whose token is still live after the app restarted (its cluster task went on):
   * no new token (the task holds the one it was given; only its hash is stored), the reports taken
   * from the position stored. Undefined when the run has no live token.
   */
  reattach(runId: number, hooks: RemoteTrainerHooks): RemoteTrainerHandle | undefined {
    const live = this.options.tokens.liveToken(runId);
    if (!live) return undefined;
    return this.watch(runId, new RemoteTrainerHandle(hooks, live.received));
  }

  /** Registers a run started by hand (`optlab run --report-to`): stored and watched; its token is returned once. */
  async register(body: unknown, create: (config: unknown, name?: string) => Promise<{ id: number }>): Promise<{ runId: number; token: string }> {
    const input = parseOrThrow(registerReportedRunSchema, body, 'run registration');
    const run = await create(input.config, input.name);
    // The reply to a report carries the cancel; giving up on the process ends the run here.
    const { token } = this.open(run.id, { onCancel: () => {}, onKill: () => {} });
    return { runId: run.id, token };
  }

  /** The live handle of a run trained elsewhere. */
  handleOf(runId: number): RemoteTrainerHandle | undefined {
    return this.handles.get(runId);
  }

  /**
   * Refuses a write to run `runId` without its live token (401), or with another run's (403). A run
   * whose token is live but that is not watched (the app is stopping, or starting and has not taken
   * it back yet) is asked to send again shortly (503): a run that ended has its token revoked.
   */
  authorize(runId: number, bearer: string | undefined): RemoteTrainerHandle {
    const owner = bearer ? this.options.tokens.runOfToken(tokenHash(bearer)) : undefined;
    if (owner === undefined) throw new ApiError('Missing, wrong or revoked run token', 'unauthorized');
    if (owner !== runId) throw new ApiError(`This token belongs to another run; it cannot write to run ${runId}`, 'forbidden');
    const handle = this.handles.get(runId);
    if (!handle || handle.hasEnded) throw new ApiError(`Run ${runId} is not being watched right now (the app is starting or stopping): send again shortly`, 'unavailable');
    return handle;
  }

  /** A report batch for run `runId`, with the bearer token it came with. */
  receive(runId: number, bearer: string | undefined, body: unknown): ReportReply {
    const handle = this.authorize(runId, bearer);
    const batch = parseOrThrow(reportBatchSchema, body, 'report');
    const transaction = this.options.transaction ?? ((work) => work());
    const reply = transaction(() => {
      const before = handle.receivedCount;
      const delivered = handle.deliver(batch);
      if (handle.receivedCount !== before) this.options.tokens.setReceived(runId, handle.receivedCount);
      return delivered;
    });
    if ('gap' in reply) throw new ApiError(`The batch starts at message ${batch.seq}, but the app has ${reply.received}: send from there`, 'conflict');
    return reply;
  }

  private isoNow(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
