import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../main/server/startServer.js';

/** This machine's first non-loopback IPv4 address (how another machine would reach it). */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

function httpsCall(host: string, port: number, ca: Buffer, pathname: string, init: { method?: string; token?: string; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port, path: pathname, method: init.method ?? 'GET', ca, servername: 'optlab-test', headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('browser mode beyond loopback: only when asked, only with TLS, only the report endpoint', { skip: outside === undefined ? 'this machine has no non-loopback address' : false }, () => {
  let dir: string;
  let server: RunningServer;
  let ca: Buffer;
  let port: number;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=optlab-test', '-addext', `subjectAltName=DNS:optlab-test,IP:127.0.0.1,IP:${outside}`], { stdio: 'ignore' });
    ca = readFileSync(cert);
    server = await startServer({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), host: '0.0.0.0', port: 0, tls: { certFile: cert, keyFile: key } });
    port = Number(new URL(server.url).port);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to bind beyond loopback without TLS, changing nothing', async () => {
    await assert.rejects(startServer({ dbPath: path.join(dir, 'other.db'), dataDir: path.join(dir, 'data'), host: '0.0.0.0', port: 0 }), /loopback address .* unless it serves TLS/);
  });

  it('serves HTTPS; other machines reach the report endpoint and nothing else', async () => {
    assert.match(server.url, /^https:\/\//);
    const ping = await httpsCall(outside!, port, ca, '/api/report/ping');
    assert.equal(ping.status, 200);
    const api = await httpsCall(outside!, port, ca, '/api/call/listRuns', { method: 'POST', token: server.token, body: '{}' });
    assert.equal(api.status, 403, 'the API answers only this machine, even with the app token');
    const page = await httpsCall(outside!, port, ca, '/');
    assert.equal(page.status, 403);
    const register = await httpsCall(outside!, port, ca, '/api/report/runs', { method: 'POST', body: '{}' });
    assert.equal(register.status, 401, 'registering a run needs the app token');
    const local = await httpsCall('127.0.0.1', port, ca, '/api/call/listRuns', { method: 'POST', token: server.token, body: '{}' });
    assert.equal(local.status, 200, 'this machine uses the app as before');
  });
});
