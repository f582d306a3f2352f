import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/optlab.mjs', import.meta.url));

/** An `optlab serve` process: its URL once it serves, or how it ended when it did not start. */
export interface ServeProcess {
  child: ChildProcess;
  /** Resolves with the URL it printed, or null if it exited first. */
  url: Promise<string | null>;
  /** Resolves with its exit code (null when a signal ended it) once it has exited. */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/**
 * Starts the real `optlab … serve` (bin/optlab.mjs in its own Node process, leading its own process
 * group so a test can SIGKILL it with its training processes).
 */
export function startServeProcess(args: string[]): ServeProcess {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, OPTLAB_DB: '', OPTLAB_DATA_DIR: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string | null>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /browser mode: (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    void exited.then(() => resolve(null));
  });
  return { child, url, exited, stdout: () => out, stderr: () => err };
}

/** Calls an API method of a browser-mode server at `url` (which carries the token) and returns its result, or throws its error. */
export async function callServer<T>(url: string, method: string, input: unknown): Promise<T> {
  const parsed = new URL(url);
  const response = await fetch(`${parsed.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${parsed.searchParams.get('token')}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (!response.ok) throw new Error(`${method}: HTTP ${response.status}: ${body.error?.message}`);
  return body.result as T;
}
