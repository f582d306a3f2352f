/**
 * A short-lived process that chooses a backend the way a training process does (for a model without
 * convolutions) and reports it: `{ type: 'backend', backend }` over the IPC channel (fork) or the
 * parent port (Electron utility process), then exits. The app shows what it reports in the status
 * line, without loading GPU drivers into its own process.
 */
import { loadFastCpuKernels } from './fastCpuKernels.js';
import { selectBackend } from './selectBackend.js';

interface ParentPort {
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const post = (message: unknown): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

try {
  const backend = await selectBackend({ needs: { convolutions: false }, fastCpu: loadFastCpuKernels });
  post({ type: 'backend', backend });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
setTimeout(() => process.exit(0), 50);
