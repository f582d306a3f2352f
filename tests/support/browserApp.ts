import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../main/server/startServer.js';
import type { ApiMethod, ApiResults } from '../../shared/api/contract.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The browser-mode server on a fresh database, the renderer built from the current sources, and Chromium. */
export interface BrowserSession {
  page: Page;
  /** The server's URL, with its token. */
  url: string;
  /** The database file the server stores into (for tests that look at or damage what is stored). */
  dbPath: string;
  /** Calls the API directly (to check what the UI did). */
  call<M extends ApiMethod>(method: M, input: object): Promise<ApiResults[M]>;
  /**
   * Stops the server, runs `whileStopped`, and starts it again on the same database and port (a new
   * token, `url` updated), and opens the page there.
   */
  restartServer(whileStopped?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

let builtRenderer: string | undefined;

/**
 * The renderer built from the current sources, once per test process, into a folder of its own (so a build
 * running elsewhere cannot change the files under test); the folder is removed when the process exits.
 */
export function rendererBuild(): string {
  if (builtRenderer) return builtRenderer;
  const outDir = mkdtempSync(join(tmpdir(), 'optlab-e2e-renderer-'));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  builtRenderer = outDir;
  return outDir;
}

export interface BrowserSessionOptions {
  /** Fills the database before the server opens it (e.g. thousands of runs straight through the store). */
  seed?: (dbPath: string) => void;
  /** How often the server asks Slurm about live cluster tasks, in ms. */
  clusterPollMs?: number;
}

export async function openBrowserSession(options: BrowserSessionOptions = {}): Promise<BrowserSession> {
  const staticDir = rendererBuild();
  const work = mkdtempSync(join(tmpdir(), 'optlab-e2e-'));
  const dbPath = join(work, 'optlab.db');
  options.seed?.(dbPath);
  const serve = (port: number) => startServer({ dbPath, dataDir: join(work, 'data'), host: '127.0.0.1', port, staticDir, clusterPollMs: options.clusterPollMs });
  let server = await serve(0);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Other work may share the machine's two cores: waits are generous (they end as soon as the page is ready).
    page.setDefaultTimeout(60_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    const origin = new URL(server.url).origin;
    const opened = browser;
    return {
      page,
      get url() {
        return server.url;
      },
      dbPath,
      async restartServer(whileStopped) {
        await server.close();
        await whileStopped?.();
        server = await serve(Number(new URL(origin).port));
        await page.goto(server.url);
      },
      async call(method, input) {
        const response = await fetch(`${origin}/api/call/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
          body: JSON.stringify(input),
        });
        const body = (await response.json()) as { result: never };
        if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
        return body.result;
      },
      async close() {
        await opened.close();
        await server.close();
        rmSync(work, { recursive: true, force: true });
        if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.join('; ')}`);
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A browser session open for the tests of the enclosing suite: opened before them (at `startAt`, a hash
 * route such as `#/playground`, when given) and closed after them, failing the suite if the page threw.
 * Its members are the opened session's; reading them outside the suite's tests is an error.
 */
export function browserSessionForSuite(startAt?: string, options: BrowserSessionOptions = {}): Omit<BrowserSession, 'close' | 'restartServer'> {
  let session: BrowserSession | undefined;
  const opened = (): BrowserSession => {
    if (!session) throw new Error('The browser session is open only during the suite’s tests');
    return session;
  };
  before(async () => {
    session = await openBrowserSession(options);
    if (startAt) await session.page.goto(new URL(startAt, session.url).href);
  });
  after(async () => {
    await session?.close();
  });
  return {
    get page() {
      return opened().page;
    },
    get url() {
      return opened().url;
    },
    get dbPath() {
      return opened().dbPath;
    },
    call: (method, input) => opened().call(method, input),
  };
}
