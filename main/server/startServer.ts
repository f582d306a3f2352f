import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
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
}

export interface RunningServer {
  url: string;
  token: string;
  dbPath: string;
  close(): Promise<void>;
}

const defaultStaticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/** Browser mode's composition root: the app's services behind the local HTTP API and the renderer. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) throw new Error(`Browser mode only binds a loopback address (127.0.0.1, localhost, ::1), not ${host}`);
  const staticDir = options.staticDir ?? defaultStaticDir;
  if (!existsSync(staticDir)) console.warn(`optlab: the renderer is not built (${staticDir}); run \`npm run build\`.`);
  const services = createAppServices({ dbPath: options.dbPath, dataDir: options.dataDir, mode: 'browser', recoverInterrupted: true });
  const token = randomBytes(24).toString('base64url');
  const server = createHttpApiServer({ handlers: services.handlers, onEvent: services.onEvent, token, staticDir });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    dbPath: options.dbPath,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
