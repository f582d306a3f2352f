import { reportReplySchema, stringifyReport, type ReportBatch } from '../../shared/training/reportProtocol.js';

export interface ReportClientHooks {
  /** The app asked the run to stop. */
  onCancel(): void;
  /** The app refused the run's reports for good (token revoked, the run ended there): stop training. */
  onRefused(reason: string): void;
  /** The app holds the first `received` messages pushed. */
  onAcknowledged?(received: number): void;
}

export interface ReportClientOptions {
  /** How often queued messages are sent, in ms (default 250). */
  intervalMs?: number;
  /** An empty batch is sent at least this often, so a cancel reaches a silent run (default 5 s). */
  heartbeatMs?: number;
  /** How long the app may stay unreachable before the messages are given up (default 10 min). */
  retryForMs?: number;
  fetch?: typeof fetch;
}

const maxBatch = 1000;

/**
 * The trainer's side of the report protocol: messages are queued and sent in order, in batches, one
 * request at a time; a batch whose answer is lost is sent again from where the app says it is, so
 * nothing is stored twice or lost while the app is briefly unreachable (retried with back-off).
 */
export class ReportClient {
  private queue: unknown[] = [];
  /** Index of `queue[0]` among all messages sent with this token. */
  private seq = 0;
  private diagnostics: string | undefined;
  private ended: ReportBatch['ended'];
  private endSent = false;
  private inFlight: Promise<void> | null = null;
  private lastSentAt = 0;
  private failingSince: number | null = null;
  private retryAt = 0;
  private stopped = false;
  private cancelHeard = false;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly hooks: ReportClientHooks,
    private readonly options: ReportClientOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timer = setInterval(() => this.tick(), options.intervalMs ?? 250);
  }

  push(message: unknown): void {
    if (!this.stopped) this.queue.push(message);
  }

  /** How many messages have been pushed (the index the next one gets). */
  get pushedCount(): number {
    return this.seq + this.queue.length;
  }

  setDiagnostics(text: string): void {
    this.diagnostics = text.slice(-8000);
  }

  /** The trainer has exited: sent with the last batch (runs started by hand). */
  end(code: number | null, signal: string | null): void {
    this.ended = { code, signal };
  }

  /** Sends everything queued (and the end), retrying, then stops; resolves when done or given up. */
  async close(deadlineMs = this.options.retryForMs ?? 600_000): Promise<void> {
    const giveUpAt = Date.now() + deadlineMs;
    while (!this.stopped && (this.queue.length > 0 || (this.ended && !this.endSent)) && Date.now() < giveUpAt) {
      if (Date.now() < this.retryAt) await sleep(Math.min(this.retryAt - Date.now(), giveUpAt - Date.now()));
      else await this.send();
    }
    if (this.inFlight) await this.inFlight;
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    if (this.stopped || this.inFlight || Date.now() < this.retryAt) return;
    const heartbeatDue = Date.now() - this.lastSentAt >= (this.options.heartbeatMs ?? 5000);
    if (this.queue.length > 0 || heartbeatDue) void this.send();
  }

  private send(): Promise<void> {
    this.inFlight ??= this.sendBatch().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async sendBatch(): Promise<void> {
    const messages = this.queue.slice(0, maxBatch);
    const last = messages.length === this.queue.length;
    const batch: ReportBatch = { seq: this.seq, messages, diagnostics: this.diagnostics, ended: last ? this.ended : undefined };
    this.lastSentAt = Date.now();
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: stringifyReport(batch),
      });
    } catch (error) {
      this.failed(`the app is unreachable: ${(error as Error).message}`);
      return;
    }
    const body = (await response.json().catch(() => null)) as { result?: unknown; error?: { message?: string } } | null;
    if (response.status === 401 || response.status === 403 || response.status === 404 || (response.status === 409 && !/send from there/.test(body?.error?.message ?? ''))) {
      this.stop();
      this.hooks.onRefused(body?.error?.message ?? `HTTP ${response.status}`);
      return;
    }
    const reply = reportReplySchema.safeParse(body?.result);
    if (!response.ok && response.status !== 409) {
      this.failed(`HTTP ${response.status}: ${body?.error?.message ?? ''}`);
      return;
    }
    const received = reply.success ? reply.data.received : Number(/has (\d+)/.exec(body?.error?.message ?? '')?.[1] ?? this.seq);
    this.failingSince = null;
    this.retryAt = 0;
    const done = Math.max(0, Math.min(received - this.seq, this.queue.length));
    this.queue = this.queue.slice(done);
    this.seq += done;
    if (batch.ended && this.queue.length === 0) this.endSent = true;
    if (done > 0) this.hooks.onAcknowledged?.(this.seq);
    if (reply.success && reply.data.cancel && !this.cancelHeard) {
      this.cancelHeard = true;
      this.hooks.onCancel();
    }
  }

  private failed(reason: string): void {
    const now = Date.now();
    this.failingSince ??= now;
    const waited = now - this.failingSince;
    if (waited > (this.options.retryForMs ?? 600_000)) {
      this.stop();
      this.hooks.onRefused(`gave up after ${Math.round(waited / 1000)} s: ${reason}`);
      return;
    }
    this.retryAt = now + Math.min(30_000, 500 * 2 ** Math.min(6, Math.floor(waited / 2000)));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
