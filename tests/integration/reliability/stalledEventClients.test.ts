import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ApiEvent, ApiHandlers } from '../../../shared/api/contract.js';
import type { MetricPoint } from '../../../shared/runs/runTypes.js';
import { createHttpApiServer } from '../../../main/server/httpApiServer.js';

/**
 * Event clients that stop reading used to make the server keep every event for them (10 clients
 * grew it by more than 300 MB in 40 s, never released): what waits for a client is now bounded, and
 * a client that reads again gets a `resync` event.
 */
describe('server-sent events to clients that stop reading', () => {
  const listeners = new Set<(event: ApiEvent) => void>();
  const server = createHttpApiServer({
    handlers: {} as ApiHandlers,
    token: 'token-token-token-token-token',
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  let port: number;
  const clients: Socket[] = [];

  before(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const client of clients) client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const openClient = async (): Promise<Socket> => {
    const socket = connect(port, '127.0.0.1');
    clients.push(socket);
    await once(socket, 'connect');
    socket.write(`GET /api/events?token=token-token-token-token-token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    return socket;
  };

  it('keeps the memory for 10 stalled clients bounded while 40 MB of events go out, then resyncs them', async () => {
    const stalled = await Promise.all(Array.from({ length: 10 }, openClient));
    for (const socket of stalled) socket.pause();
    while (listeners.size < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const points: MetricPoint[] = Array.from({ length: 1000 }, (_, i) => ({ key: 'train/loss_step', step: i, epoch: 0, value: Math.random(), time: i / 10 }));
    const event: ApiEvent = { type: 'metrics', runId: 1, points };
    const eventBytes = JSON.stringify(event).length;
    global.gc?.();
    const before = process.memoryUsage();
    const eventCount = Math.ceil((40 << 20) / eventBytes);
    for (let i = 0; i < eventCount; i++) {
      for (const listener of [...listeners]) listener(event);
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const grown = process.memoryUsage();
    const growthMb = (grown.rss + grown.external - before.rss - before.external) / (1 << 20);
    // Unbounded, 10 clients × 40 MB stay in memory (> 400 MB); bounded, about 1 MB each plus the sockets' buffers.
    assert.ok(growthMb < 150, `grew ${growthMb.toFixed(0)} MB for ${eventCount} events of ${eventBytes} bytes to 10 clients`);

    // One client reads again: after what its socket held, it is told to resync.
    const reader = stalled[0];
    let text = '';
    reader.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    reader.resume();
    const deadline = Date.now() + 10_000;
    while (!text.includes('"type":"resync"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(text.includes('"type":"resync"'), 'a resync event after the dropped ones');
  });
});
