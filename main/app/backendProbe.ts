import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { backendInfoSchema, type BackendInfo } from '../../shared/training/backendInfo.js';

export const backendProbeEntry = fileURLToPath(new URL('../backend/backendProbeProcess.ts', import.meta.url));

/** What the probe process sends: the backend a new run would get, or why the choice failed. */
export const backendProbeMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('backend'), backend: backendInfoSchema }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

/** Runs the backend probe in a child process (`child_process.fork` through tsx) and returns what it chose. */
export function probeBackendInChildProcess(timeoutMs = 60_000): Promise<BackendInfo> {
  return new Promise((resolve, reject) => {
    const child = fork(backendProbeEntry, [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(new Error(`the backend probe did not answer within ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('message', (raw) => {
      const parsed = backendProbeMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const problem = parsed.error.message;
        settle(() => reject(new Error(`the backend probe sent an invalid message: ${problem}`)));
        return;
      }
      const message = parsed.data;
      settle(() => (message.type === 'backend' ? resolve(message.backend) : reject(new Error(message.message))));
    });
    child.on('exit', (code, signal) => settle(() => reject(new Error(`the backend probe ended (${signal ?? `code ${code}`}) without an answer: ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}
