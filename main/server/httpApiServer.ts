import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { timingSafeEqual } from 'node:crypto';
import sirv from 'sirv';
import { ApiError, httpStatusOfApiError } from '../../shared/api/apiError.js';
import { dispatchApiCall } from '../../shared/api/dispatch.js';
import type { ApiEvent, ApiHandlers, ApiMethod } from '../../shared/api/contract.js';
import { apiErrorOf } from '../app/apiErrorOf.js';
import { streamEvents, type EventStreamOptions } from './eventStream.js';
import { readBody } from './readBody.js';
import { checkRange, decodeMethodName, isLoopbackHost, parseRequestTarget } from './requestChecks.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { parseReport, reportPaths } from '../../shared/training/reportProtocol.js';

export interface HttpApiServerOptions {
  handlers: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The random secret every API request must carry (Bearer header, or `token` query for events). */
  token: string;
  /** The built renderer; not served when absent. */
  staticDir?: string;
  /** Largest body of an API call (default 1 MB). */
  maxBodyBytes?: number;
  /** Largest body of `importExperiment`, whose file holds every metric point of its runs (default 128 MB). */
  maxImportBytes?: number;
  events?: EventStreamOptions;
  /**
   * Imports an `importExperiment` request body as it arrived (JSON text), parsing and checking it off
   * the event loop; without it the body is parsed here and dispatched like any call.
   */
  importExperimentJson?: (body: string) => Promise<unknown>;
  /** Serve HTTPS with this certificate and key (PEM) instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** The report endpoint (`/api/report/…`) for runs trained elsewhere; absent: not served. */
  reports?: ReportEndpoint;
  /** Serve the report endpoint only (the desktop app, whose API goes over IPC): anything else is not found. */
  reportsOnly?: boolean;
}

/** The app's side of the report protocol (shared/training/reportProtocol.ts). */
export interface ReportEndpoint {
  /** Refuses (throws) a write to a run without that run's live token. */
  authorize(runId: number, bearer: string | undefined): void;
  /** A batch for a run, with the bearer token it came with (refused without that run's live token). */
  receive(runId: number, bearer: string | undefined, body: unknown): unknown;
  /** A run started by hand (`optlab run --report-to`), registered with the app's token. */
  register(body: unknown): Promise<unknown>;
}

const apiCallPrefix = '/api/call/';
const reportPrefix = '/api/report/';
const maxReportBytes = 16 << 20;
const importMethod: ApiMethod = 'importExperiment';

/**
 * Browser mode's transport for the typed API: `POST /api/call/<method>` with a JSON body, and
 * `GET /api/events` as server-sent events. Every API request needs the token; the Host header must
 * name the loopback address and port the server listens on (no DNS rebinding). Every request goes
 * through one error boundary: whatever it carries (a malformed target, header, range, encoding or
 * body), it is answered with a status and a message, and nothing it sends can stop the server.
 */
export function createHttpApiServer(options: HttpApiServerOptions): Server {
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const maxImportBytes = options.maxImportBytes ?? 128 << 20;
  const serveStatic = options.staticDir ? sirv(options.staticDir, { single: true, dev: true }) : undefined;
  const expected = Buffer.from(options.token);

  const hasToken = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    setSecurityHeaders(res);
    const target = parseRequestTarget(req.url);
    if (!target) throw new ApiError(`Not a request path: ${String(req.url).slice(0, 200)}`, 'invalid-input');
    const { pathname, searchParams } = target;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // Reports come from other machines (cluster nodes through a tunnel or TLS), each with a token:
    // only this endpoint is answered to them, whatever Host they name.
    if (pathname.startsWith(reportPrefix) && options.reports) return routeReport(req, res, pathname, bearer, options.reports, hasToken);
    if (options.reportsOnly) throw new ApiError('Not found: this address takes only run reports (/api/report/…)', 'not-found');
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : undefined;
    if (!isLoopbackHost(req.headers.host, port)) throw new ApiError('Forbidden host: browser mode answers only requests addressed to its own loopback address', 'forbidden');
    if (!isLoopbackAddress(req.socket.remoteAddress)) throw new ApiError('Browser mode answers only this machine (use an ssh tunnel); other machines may only report runs', 'forbidden');
    if (pathname === '/api/events') {
      if (req.method !== 'GET') return sendMethodNotAllowed(res, 'GET');
      if (!hasToken(searchParams.get('token'))) throw unauthorized();
      return streamEvents(req, res, options.onEvent, options.events);
    }
    if (pathname.startsWith(apiCallPrefix)) {
      if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
      if (!hasToken(bearer)) throw unauthorized();
      const method = decodeMethodName(pathname.slice(apiCallPrefix.length));
      if (method === null) throw new ApiError('The method name is not valid percent-encoding', 'invalid-input');
      if (method === importMethod && options.importExperimentJson) void handleImport(req, res, options.importExperimentJson, maxImportBytes);
      else void handleCall(req, res, method, options.handlers, method === importMethod ? maxImportBytes : maxBodyBytes);
      return;
    }
    if (pathname.startsWith('/api/')) throw new ApiError('Not found', 'not-found');
    if (!serveStatic) throw new ApiError('The renderer is not built (npm run build)', 'not-found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
    const range = checkRange(req.headers.range);
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', 'bytes */*');
      return sendJson(res, 416, { error: { message: range.message, code: 'invalid-input' } });
    }
    if (range.kind === 'ignore') delete req.headers.range;
    serveStatic(req, res, () => sendError(res, new ApiError('Not found', 'not-found')));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => res.destroy());
    try {
      route(req, res);
    } catch (error) {
      sendError(res, apiErrorOf(error));
    }
  };
  const server: Server = options.tls ? (createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle) as unknown as Server) : createServer(handle);
  // A request the HTTP parser cannot read (a malformed header, a bad request line) is answered, not dropped.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
    const body = JSON.stringify({ error: { message: `Bad request: ${error.code ?? error.message}`, code: 'invalid-input' } });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}

function routeReport(req: IncomingMessage, res: ServerResponse, pathname: string, bearer: string | undefined, reports: ReportEndpoint, hasAppToken: (token: string | undefined) => boolean): void {
  if (pathname === reportPaths.ping) {
    if (req.method !== 'GET') return sendMethodNotAllowed(res, 'GET');
    return sendJson(res, 200, { result: { app: 'optlab' } });
  }
  if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
  if (pathname === reportPaths.register) {
    if (!hasAppToken(bearer)) throw unauthorized();
    void answerReport(req, res, (body) => reports.register(body));
    return;
  }
  const runId = /^\/api\/report\/runs\/([1-9]\d{0,15})$/.exec(pathname)?.[1];
  if (runId === undefined) throw new ApiError('Not found', 'not-found');
  // The token is checked before the body is read (a write without the run's token reads nothing), and again with it.
  reports.authorize(Number(runId), bearer);
  void answerReport(req, res, (body) => reports.receive(Number(runId), bearer, body));
}

async function answerReport(req: IncomingMessage, res: ServerResponse, handle: (body: unknown) => unknown): Promise<void> {
  try {
    const text = await readBody(req, maxReportBytes);
    let body: unknown;
    try {
      body = parseReport(text);
    } catch {
      throw new ApiError('Request body is not valid JSON', 'invalid-input');
    }
    sendJson(res, 200, { result: await handle(body) });
  } catch (error) {
    sendCallError(req, res, error);
  }
}

function isLoopbackAddress(address: string | undefined): boolean {
  return address === undefined || address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function handleCall(req: IncomingMessage, res: ServerResponse, method: string, handlers: ApiHandlers, maxBodyBytes: number) {
  try {
    const body = await readBody(req, maxBodyBytes);
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      throw error instanceof RangeError ? apiErrorOf(error) : new ApiError('Request body is not valid JSON', 'invalid-input');
    }
    const result = await dispatchApiCall(handlers, method, payload);
    sendJson(res, 200, { result });
  } catch (error) {
    sendCallError(req, res, error);
  }
}

/** An import: the body goes as text to be parsed and checked in a worker thread, so a 100 MB file does not stop the server. */
async function handleImport(req: IncomingMessage, res: ServerResponse, importJson: (body: string) => Promise<unknown>, maxBodyBytes: number) {
  try {
    const result = await importJson(await readBody(req, maxBodyBytes));
    sendJson(res, 200, { result });
  } catch (error) {
    sendCallError(req, res, error);
  }
}

/** Answers a failed call; the rest of a body over the limit is not read: the connection closes after the answer. */
function sendCallError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const apiError = apiErrorOf(error);
  if (apiError.code === 'too-large') res.setHeader('connection', 'close');
  sendError(res, apiError);
  if (apiError.code === 'too-large') res.once('finish', () => req.destroy());
}

function unauthorized(): ApiError {
  return new ApiError('Missing or wrong token: open the URL printed by `optlab serve`', 'unauthorized');
}

function sendMethodNotAllowed(res: ServerResponse, allow: string) {
  res.setHeader('Allow', allow);
  sendError(res, new ApiError(`Use ${allow.replace(', ', ' or ')}`, 'method-not-allowed'));
}

function sendError(res: ServerResponse, error: ApiError) {
  sendJson(res, httpStatusOfApiError[error.code], { error: error.toJSON() });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    status = 500;
    text = JSON.stringify({ error: { message: `The reply could not be written: ${(error as Error).message}`, code: 'internal' } });
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
