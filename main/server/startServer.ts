import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../app/createAppServices.js';
import { createHttpApiServer } from './httpApiServer.js';
import { checkListenHost, listenOn, reportEndpointOf } from './reportListener.js';

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

/**
 * Browser mode's composition root: the app's services behind the local HTTP API and the renderer.
 * In this order, so a second server on the same database or port leaves nothing started: the
 * database's lock (refused while another process owns it), the port (refused while in use), and
 * only then start-up recovery (runs left running become interrupted, queued ones start).
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  checkListenHost(host, options.tls !== undefined, 'Browser mode (--tls-cert and --tls-key for TLS)');
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
    reports: reportEndpointOf(services),
  });
  let port: number;
  try {
    port = await listenOn(server, host, options.port ?? 0);
  } catch (error) {
    await services.close();
    throw error;
  }
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
