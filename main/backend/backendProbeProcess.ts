/**
 * A short-lived process that chooses a backend the way a training process does (for a model without
 * convolutions) and reports it: `{ type: 'backend', backend }` over the IPC channel (fork) or the
 * parent port (Electron utility process), then exits. The app shows what it reports in the status
 * line, without loading GPU drivers into its own process. With `--webgpu` it asks for webgpu and,
 * when it gets it, reads a tensor back from the GPU: the desktop app's test of whether Dawn works in
 * a utility process (a crash there ends only this process).
 */
import { loadFastCpuKernels } from './fastCpuKernels.js';
import { selectBackend } from './selectBackend.js';
import { checkWebgpuReadback } from './webgpuBackend.js';

interface ParentPort {
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const post = (message: unknown): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

async function probe(): Promise<void> {
  try {
    const webgpuCheck = process.argv.includes('--webgpu');
    const backend = await selectBackend({ needs: { convolutions: false }, fastCpu: loadFastCpuKernels, choice: webgpuCheck ? 'webgpu' : 'auto' });
    const readback = webgpuCheck && backend.backend === 'webgpu' ? await checkWebgpuReadback() : null;
    post({ type: 'backend', backend: readback === null ? backend : { ...backend, fallbackReason: readback } });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  setTimeout(() => process.exit(0), 50);
}

void probe();
