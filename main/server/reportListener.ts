import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { AppServices } from '../app/createAppServices.js';
import { createHttpApiServer, type ReportEndpoint } from './httpApiServer.js';

/** The report endpoint of the app's services: runs trained elsewhere append to their own run; runs started by hand register. */
export function reportEndpointOf(services: Pick<AppServices, 'reports' | 'runs'>): ReportEndpoint {
  return {
    authorize: (runId, bearer) => void services.reports.authorize(runId, bearer),
    receive: (runId, bearer, body) => services.reports.receive(runId, bearer, body),
    register: (body) => services.reports.register(body, (config, name) => services.runs.createReportedRun(config, name)),
  };
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/** Refuses an address beyond loopback without TLS (cluster nodes reach the app through an ssh tunnel, or over HTTPS). */
export function checkListenHost(host: string, tls: boolean, what: string): void {
  if (!loopbackHosts.has(host) && !tls) {
    throw new Error(`${what} binds a loopback address (127.0.0.1, localhost, ::1), not ${host}, unless it serves TLS: cluster nodes reach it through an ssh tunnel, or over HTTPS`);
  }
}

/** Listens on `host:port` (0: any free port); a port in use is said as such. Resolves with the port. */
export async function listenOn(server: Server, host: string, port: number, portOption = '--port'): Promise<number> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${port} on ${host} is in use by another program; choose another with ${portOption} (0 = any free port)`, { cause: error });
    throw error;
  }
  return (server.address() as AddressInfo).port;
}

export interface ReportListener {
  /** The address the cluster profiles name as the app's (`http://127.0.0.1:<port>`), as the nodes reach it through a tunnel. */
  url: string;
  /** The token a run started by hand registers with (`optlab run --report-to <url> --token <token>`). */
  token: string;
  close(): Promise<void>;
}

/**
 * The desktop app's report listener: the same report endpoint as browser mode (`/api/report/…`, each
 * write with its run's token), and nothing else (its API goes over IPC). Loopback only unless it
 * serves TLS.
 */
export async function startReportListener(options: {
  services: AppServices;
  host?: string;
  port: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
}): Promise<ReportListener> {
  const host = options.host ?? '127.0.0.1';
  checkListenHost(host, options.tls !== undefined, 'The report listener');
  const token = randomBytes(24).toString('base64url');
  const server = createHttpApiServer({
    handlers: options.services.handlers,
    onEvent: options.services.onEvent,
    token,
    tls: options.tls,
    reports: reportEndpointOf(options.services),
    reportsOnly: true,
  });
  const port = await listenOn(server, host, options.port, 'OPTLAB_REPORT_PORT');
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    token,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The port cluster profiles name by default (`http://127.0.0.1:8765`). */
export const defaultReportPort = 8765;

/** The desktop app's report port from `OPTLAB_REPORT_PORT` (default 8765; 0 = any free port). */
export function reportPortOf(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return defaultReportPort;
  const port = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || port > 65535) throw new Error(`OPTLAB_REPORT_PORT=${text} is not a port (a whole number from 0 to 65535)`);
  return port;
}
