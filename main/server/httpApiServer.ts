import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import sirv from 'sirv';
import { ApiError } from '../../shared/api/apiError.js';
import { dispatchApiCall } from '../../shared/api/dispatch.js';
import type { ApiEvent, ApiHandlers } from '../../shared/api/contract.js';

export interface HttpApiServerOptions {
  handlers: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The random secret every API request must carry (Bearer header, or `token` query for events). */
  token: string;
  /** The built renderer; not served when absent. */
  staticDir?: string;
  maxBodyBytes?: number;
}

const apiCallPrefix = '/api/call/';

/**
 * Browser mode's transport for the typed API: `POST /api/call/<method>` with a JSON body, and
 * `GET /api/events` as server-sent events. Every API request needs the token; the Host header must
 * name the loopback address the server listens on (no DNS rebinding).
 */
export function createHttpApiServer(options: HttpApiServerOptions): Server {
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const serveStatic = options.staticDir ? sirv(options.staticDir, { single: true, dev: true }) : undefined;
  const expected = Buffer.from(options.token);

  const hasToken = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isLoopbackHost(req.headers.host)) return sendJson(res, 403, { error: { message: 'Forbidden host', code: 'invalid-input' } });
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!hasToken(url.searchParams.get('token'))) return sendUnauthorized(res);
      return streamEvents(req, res, options.onEvent);
    }
    if (url.pathname.startsWith(apiCallPrefix)) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: { message: 'Use POST', code: 'invalid-input' } });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!hasToken(bearer)) return sendUnauthorized(res);
      const method = decodeURIComponent(url.pathname.slice(apiCallPrefix.length));
      void handleCall(req, res, method, options.handlers, maxBodyBytes);
      return;
    }
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { error: { message: 'Not found', code: 'not-found' } });
    if (serveStatic) return serveStatic(req, res, () => sendJson(res, 404, { error: { message: 'Not found', code: 'not-found' } }));
    sendJson(res, 404, { error: { message: 'The renderer is not built (npm run build)', code: 'not-found' } });
  });
  return server;
}

async function handleCall(req: IncomingMessage, res: ServerResponse, method: string, handlers: ApiHandlers, maxBodyBytes: number) {
  try {
    const body = await readBody(req, maxBodyBytes);
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      throw new ApiError('Request body is not valid JSON', 'invalid-input');
    }
    const result = await dispatchApiCall(handlers, method, payload);
    sendJson(res, 200, { result });
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error), 'internal');
    sendJson(res, statusFor(apiError.code), { error: apiError.toJSON() });
  }
}

function streamEvents(req: IncomingMessage, res: ServerResponse, onEvent: HttpApiServerOptions['onEvent']) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new ApiError(`Request body larger than ${maxBytes} bytes`, 'invalid-input'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function statusFor(code: ApiError['code']): number {
  return { 'invalid-input': 400, 'not-found': 404, conflict: 409, internal: 500 }[code];
}

function sendUnauthorized(res: ServerResponse) {
  sendJson(res, 401, { error: { message: 'Missing or wrong token: open the URL printed by `optlab serve`', code: 'invalid-input' } });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
