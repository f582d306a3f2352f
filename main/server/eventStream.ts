import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEvent } from '../../shared/api/contract.js';

export interface EventStreamOptions {
  /** Bytes of events kept for a client that is not reading, beyond what its socket holds; more and they are dropped for a `resync`. */
  maxPendingBytes?: number;
  keepAliveMs?: number;
}

/**
 * One server-sent-events client with bounded memory. Events are written while the socket takes
 * them; while it does not (a slow or stalled client), they wait, a `run-updated` replacing the
 * same run's older one, and once more than `maxPendingBytes` wait they are all dropped: when the
 * client reads again it gets one `resync` event, telling it to load afresh what it shows.
 */
export function streamEvents(req: IncomingMessage, res: ServerResponse, onEvent: (listener: (event: ApiEvent) => void) => () => void, options: EventStreamOptions = {}): void {
  const maxPendingBytes = options.maxPendingBytes ?? 1 << 20;
  const pending = new Map<string, string>();
  let pendingBytes = 0;
  let serial = 0;
  let stalled = false;
  let overflowed = false;

  const write = (text: string): void => {
    if (!res.write(text)) stalled = true;
  };
  const flush = (): void => {
    stalled = false;
    if (overflowed) {
      overflowed = false;
      write(`data: ${JSON.stringify({ type: 'resync' } satisfies ApiEvent)}\n\n`);
    }
    for (const [key, text] of pending) {
      if (stalled) break;
      pending.delete(key);
      pendingBytes -= text.length;
      write(text);
    }
  };

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  write(': connected\n\n');
  res.on('drain', flush);
  const unsubscribe = onEvent((event) => {
    if (overflowed) return;
    const text = `data: ${JSON.stringify(event)}\n\n`;
    if (!stalled && pending.size === 0) return write(text);
    const key = event.type === 'run-updated' ? `run-${event.run.id}` : `event-${serial++}`;
    pendingBytes -= pending.get(key)?.length ?? 0;
    pending.delete(key);
    pending.set(key, text);
    pendingBytes += text.length;
    if (pendingBytes > maxPendingBytes) {
      pending.clear();
      pendingBytes = 0;
      overflowed = true;
    }
  });
  const keepAlive = setInterval(() => {
    if (!stalled) write(': keep-alive\n\n');
  }, options.keepAliveMs ?? 15_000);
  const stop = (): void => {
    clearInterval(keepAlive);
    unsubscribe();
    pending.clear();
  };
  req.on('close', stop);
  res.on('close', stop);
  res.on('error', stop);
}
