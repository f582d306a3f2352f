import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../main/server/startServer.js';
import { rawHttp } from '../../support/rawHttp.js';
import { tempDirForSuite } from '../../support/tempDir.js';

/**
 * Requests that used to throw out of the request handler and stop the server (and every run it
 * trained): each is answered with a status and a message, and the server answers the next request.
 */
describe('browser-mode server: requests that cannot crash it', () => {
  const dir = tempDirForSuite('crash-requests');
  let server: RunningServer;
  let port: number;

  before(async () => {
    const staticDir = path.join(dir, 'static');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>optlab</title>');
    writeFileSync(path.join(staticDir, 'app.js'), 'x'.repeat(1000));
    server = await startServer({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), port: 0, staticDir });
    port = Number(new URL(server.url).port);
  });
  after(() => server.close());

  const host = () => `127.0.0.1:${port}`;
  const stillServes = async () => {
    const reply = await rawHttp(port, `GET /app.js HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    assert.equal(reply.status, 200, 'the server answers the next request');
  };
  const errorOf = (body: string) => (JSON.parse(body) as { error: { message: string; code: string } }).error;

  it('answers `GET //` with 400 and a message', async () => {
    const reply = await rawHttp(port, `GET // HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    assert.ok(reply.status >= 400 && reply.status < 500, `status ${reply.status}`);
    await stillServes();
  });

  it('answers a range that ends before it starts with 416', async () => {
    const reply = await rawHttp(port, `GET /app.js HTTP/1.1\r\nHost: ${host()}\r\nRange: bytes=100-5\r\nConnection: close\r\n\r\n`);
    assert.equal(reply.status, 416);
    assert.match(errorOf(reply.body).message, /ends before it starts/);
    await stillServes();
  });

  it('sends the whole file for a range header it does not understand', async () => {
    const reply = await rawHttp(port, `GET /app.js HTTP/1.1\r\nHost: ${host()}\r\nRange: lines=1-2\r\nConnection: close\r\n\r\n`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.length, 1000);
  });

  it('answers a malformed percent-encoding in the method name with 400', async () => {
    const reply = await rawHttp(
      port,
      `POST /api/call/%E0%A4%A HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    assert.equal(reply.status, 400);
    assert.match(errorOf(reply.body).message, /percent-encoding/);
    await stillServes();
  });

  it('answers requests the HTTP parser refuses (a malformed header) with 400', async () => {
    const reply = await rawHttp(port, `GET / HTTP/1.1\r\nHost: ${host()}\r\nBad Header Name: x\r\n\r\n`);
    assert.equal(reply.status, 400);
    await stillServes();
  });

  it('gives 401, 403 and 405 their own error codes', async () => {
    const noToken = await rawHttp(port, `POST /api/call/listRuns HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    assert.equal(noToken.status, 401);
    assert.equal(errorOf(noToken.body).code, 'unauthorized');
    const wrongMethod = await rawHttp(port, `GET /api/call/listRuns HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    assert.equal(wrongMethod.status, 405);
    assert.equal(errorOf(wrongMethod.body).code, 'method-not-allowed');
    assert.equal(wrongMethod.headers.allow, 'POST');
    const badHost = await rawHttp(port, `GET / HTTP/1.1\r\nHost: [::1]evil.example\r\nConnection: close\r\n\r\n`);
    assert.equal(badHost.status, 403);
    assert.equal(errorOf(badHost.body).code, 'forbidden');
  });

  it('refuses every Host that is not its own loopback address and port', async () => {
    for (const name of ['[::1]evil.example', 'localhost.evil.example', '127.0.0.1.evil.example', `127.0.0.1:${port + 1}`, 'evil.example', '']) {
      const reply = await rawHttp(port, `GET / HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`);
      assert.ok(reply.status === 403 || reply.status === 400, `${name}: ${reply.status}`);
    }
    for (const name of [host(), `localhost:${port}`, 'localhost']) {
      const reply = await rawHttp(port, `GET / HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`);
      assert.equal(reply.status, 200, name);
    }
  });

  it('sends the security headers as headers on pages and API replies', async () => {
    for (const target of ['/', '/api/nothing']) {
      const reply = await rawHttp(port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      assert.match(reply.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, target);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff', target);
      assert.equal(reply.headers['referrer-policy'], 'no-referrer', target);
    }
  });

  it('refuses an API body over the limit with 413 and a message, without reading it all', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/call/createRun', method: 'POST', headers: { authorization: `Bearer ${server.token}` } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      // 8 MB streamed without a length: the limit is found while reading.
      const chunk = Buffer.alloc(64 << 10, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 128) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(status, 413);
    assert.equal(errorOf(body).code, 'too-large');
    assert.match(errorOf(body).message, /larger than the limit of 1 MB/);
    const announced = await rawHttp(port, `POST /api/call/listRuns HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 600000000\r\n\r\n{}`);
    assert.equal(announced.status, 413);
    await stillServes();
  });

  it('answers data errors with 4xx, not 500', async () => {
    const body = JSON.stringify({ dataset: { kind: 'mnist', trainLimit: 0, testLimit: 0 }, count: 4 });
    const reply = await rawHttp(
      port,
      `POST /api/call/getDatasetSamples HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    assert.ok(reply.status >= 400 && reply.status < 500, `status ${reply.status}: ${reply.body}`);
  });
});
