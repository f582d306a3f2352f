import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../app/createAppServices.js';
import { createHttpApiServer } from './httpApiServer.js';

export interface StartServerOptions {
  dbPath: string;
  dataDir: string;
  host?: string;
  port?: number;
  /** The built renderer (default: dist/renderer of this checkout). */
  staticDir?: string;
  /**
   * HTTPS with this certificate and key (PEM files). Needed to listen beyond loopback, where only the
   * report endpoint answers other machines (each report carries its run's token).
   */
  tls?: { certFile: string; keyFile: string };
  /** How often live cluster tasks are asked about, in ms (default 10 s). */
  clusterPollMs?: number;
}

export interface RunningServer {
  url: string;
  token: string;
  dbPath: string;
  close(): Promise<void>;
}

const defaultStaticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Browser mode's composition root: the app's services behind the local HTTP API and the renderer.
 * In this order, so a second server on the same database or port leaves nothing started: the
 * database's lock (refused while another process owns it), the port (refused while in use), and
 * only then start-up recovery (runs left running become interrupted, queued ones start).
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host) && !options.tls) {
    throw new Error(
      `Browser mode binds a loopback address (127.0.0.1, localhost, ::1), not ${host}, unless it serves TLS (--tls-cert and --tls-key): cluster nodes reach it through an ssh tunnel, or over HTTPS`,
    );
  }
  const tls = options.tls ? { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } : undefined;
  const staticDir = options.staticDir ?? defaultStaticDir;
  if (!existsSync(staticDir)) console.warn(`optlab: the renderer is not built (${staticDir}); run \`npm run build\`.`);
  const services = createAppServices({
    dbPath: options.dbPath,
    dataDir: options.dataDir,
    mode: 'browser',
    recoverInterrupted: false,
    owner: 'optlab serve',
    acceptsReports: true,
    clusterPollMs: options.clusterPollMs,
  });
  const token = randomBytes(24).toString('base64url');
  const server = createHttpApiServer({
    handlers: services.handlers,
    onEvent: services.onEvent,
    token,
    staticDir,
    importExperimentJson: (body) => services.experiments.importExperimentJson(body, true),
    tls,
    reports: {
      authorize: (runId, bearer) => void services.reports.authorize(runId, bearer),
      receive: (runId, bearer, body) => services.reports.receive(runId, bearer, body),
      register: (body) => services.reports.register(body, (config, name) => services.runs.createReportedRun(config, name)),
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await services.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${options.port} on ${host} is in use by another program; choose another with --port (0 = any free port)`, { cause: error });
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '::1' ? '[::1]' : host;
  const url = `${tls ? 'https' : 'http'}://${urlHost}:${port}/?token=${token}`;
  services.lock?.update({ url });
  services.recover();
  return {
    url,
    token,
    dbPath: options.dbPath,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
