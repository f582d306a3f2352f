import { utilityProcess } from 'electron';
import { backendProbeMessageSchema } from '../app/backendProbe.js';
import type { BackendInfo } from '../../shared/training/backendInfo.js';

/**
 * The backend probe (main/backend/backendProbeProcess.ts) in an Electron utility process,
 * where the desktop app trains: resolves with what it chose, rejects when it fails, crashes or does
 * not answer in time.
 */
export function probeBackendInUtilityProcess(entry: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<BackendInfo> {
  return new Promise((resolve, reject) => {
    const child = utilityProcess.fork(entry, args, { serviceName: 'Optimizer Lab backend probe', stdio: 'pipe', env });
    let stderr = '';
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      child.kill();
      settle(() => reject(new Error(`the probe did not answer within ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('message', (raw: unknown) => {
      const parsed = backendProbeMessageSchema.safeParse(raw);
      if (!parsed.success) return settle(() => reject(new Error('the probe sent an invalid message')));
      const message = parsed.data;
      settle(() => (message.type === 'backend' ? resolve(message.backend) : reject(new Error(message.message))));
    });
    child.on('exit', (code: number) => settle(() => reject(new Error(`the probe ended (code ${code}) without an answer: ${stderr.trim().split('\n').slice(-2).join(' ')}`))));
  });
}

/**
 * Whether WebGPU (Dawn's Node binding) can train in a utility process: a probe asks for webgpu and
 * reads a tensor back. Null when it can or when there is no adapter to try (training processes then
 * find that themselves); else the reason, which training processes get as OPTLAB_WEBGPU_UNAVAILABLE
 * so they never load Dawn where it crashes (Electron's V8 memory cage refuses its external buffers).
 */
export async function webgpuInUtilityProcess(entry: string): Promise<string | null> {
  try {
    const backend = await probeBackendInUtilityProcess(entry, ['--webgpu'], process.env);
    if (backend.backend === 'webgpu') return backend.fallbackReason ? `webgpu in a utility process: ${backend.fallbackReason}` : null;
    return null;
  } catch (error) {
    return `Dawn (npm webgpu) cannot run in an Electron utility process here: ${error instanceof Error ? error.message : String(error)}`;
  }
}
