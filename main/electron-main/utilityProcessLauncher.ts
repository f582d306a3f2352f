import { utilityProcess, type UtilityProcess } from 'electron';
import type { FromTrainerMessage, ToTrainerMessage } from '../../shared/training/trainerMessages.js';
import { parseTrainerMessage, type TrainerHandle, type TrainerLauncher } from '../runs/trainerLauncher.js';

const diagnosticsLimit = 4000;

/** Starts each training process as an Electron utility process (its own OS process, no window). */
export class UtilityProcessLauncher implements TrainerLauncher {
  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  launch(): TrainerHandle {
    const child = utilityProcess.fork(this.entry, [], { serviceName: 'Optimizer Lab training', stdio: 'pipe', env: this.env });
    return new UtilityProcessHandle(child);
  }
}

class UtilityProcessHandle implements TrainerHandle {
  private stderr = '';
  private alive = true;
  private readonly messageListeners: ((message: FromTrainerMessage) => void)[] = [];
  private readonly invalidListeners: ((problem: string) => void)[] = [];

  constructor(private readonly child: UtilityProcess) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-diagnosticsLimit);
    });
    child.on('message', (raw: unknown) => {
      const parsed = parseTrainerMessage(raw);
      if (parsed.ok) this.messageListeners.forEach((listener) => listener(parsed.message));
      else this.invalidListeners.forEach((listener) => listener(parsed.problem));
    });
    child.on('exit', () => {
      this.alive = false;
    });
  }

  send(message: ToTrainerMessage): boolean {
    if (!this.alive) return false;
    this.child.postMessage(message);
    return true;
  }

  onMessage(listener: (message: FromTrainerMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onInvalidMessage(listener: (problem: string) => void): void {
    this.invalidListeners.push(listener);
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    // Electron reports only an exit code; a crash (signal) shows as a non-zero code.
    this.child.once('exit', (code: number) => listener(code, null));
  }

  kill(): void {
    if (this.alive) this.child.kill();
  }

  diagnostics(): string {
    return this.stderr;
  }
}
