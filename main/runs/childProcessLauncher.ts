import { fork, type ChildProcess } from 'node:child_process';
import type { FromTrainerMessage, ToTrainerMessage } from '../../shared/training/trainerMessages.js';
import { readyNodeBundle, trainingProcessBundle } from './nodeBundle.js';
import { parseTrainerMessage, type TrainerHandle, type TrainerLauncher } from './trainerLauncher.js';

/** What a launch runs: a bundled program, or a TypeScript source through tsx's loader. */
export interface TrainingProgram {
  file: string;
  throughTsx: boolean;
}

let fallbackReported = false;

/**
 * The training process's program: its bundle (dist/trainingProcess/, rebuilt first when its sources
 * changed), which starts without compiling its modules; its sources through tsx when it cannot be
 * bundled, which is slower to start and said once on stderr.
 */
export function trainingProgram(): TrainingProgram {
  const ready = readyNodeBundle(trainingProcessBundle);
  if (ready.ok) return { file: trainingProcessBundle.outfile, throughTsx: false };
  if (!fallbackReported) {
    fallbackReported = true;
    console.warn(`Optimizer Lab: training processes start from their sources through tsx (slower): the bundle ${trainingProcessBundle.outfile} cannot be used: ${ready.reason}`);
  }
  return { file: trainingProcessBundle.entry, throughTsx: true };
}

export interface ChildProcessLauncherOptions {
  /** A TypeScript program to run through tsx instead of the training process. */
  entry?: string;
  /** V8 heap limit of each training process, in MB: a run that needs more fails instead of the machine swapping. */
  maxOldSpaceSizeMb?: number;
  /** Extra arguments for Node (before the program). */
  execArgv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Also copy the process's stdout/stderr to this process's (stderr is always kept for diagnostics). */
  forwardOutput?: boolean;
}

const diagnosticsLimit = 4000;

/** Starts each training process with `child_process.fork` (outside Electron). */
export class ChildProcessLauncher implements TrainerLauncher {
  constructor(private readonly options: ChildProcessLauncherOptions = {}) {}

  /** The program the next launch runs. */
  program(): TrainingProgram {
    return this.options.entry === undefined ? trainingProgram() : { file: this.options.entry, throughTsx: true };
  }

  launch(): TrainerHandle {
    const program = this.program();
    const execArgv = [...(program.throughTsx ? ['--import', import.meta.resolve('tsx')] : []), ...(this.options.execArgv ?? [])];
    if (this.options.maxOldSpaceSizeMb !== undefined) execArgv.push(`--max-old-space-size=${Math.floor(this.options.maxOldSpaceSizeMb)}`);
    const child = fork(program.file, [], {
      execArgv,
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Structured clone keeps numbers such as NaN and Infinity as they are.
      serialization: 'advanced',
    });
    return new ChildProcessHandle(child, this.options.forwardOutput ?? false);
  }
}

class ChildProcessHandle implements TrainerHandle {
  private readonly messageListeners: ((message: FromTrainerMessage) => void)[] = [];
  private readonly invalidListeners: ((problem: string) => void)[] = [];
  private readonly exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  private stderrTail = '';
  private exit: { code: number | null; signal: string | null } | null = null;
  private closed = false;
  private channelClosed = false;
  private exitReported = false;

  constructor(
    private readonly child: ChildProcess,
    forwardOutput: boolean,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (forwardOutput) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (forwardOutput) process.stderr.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-diagnosticsLimit);
    });
    child.on('message', (raw: unknown) => {
      const parsed = parseTrainerMessage(raw);
      if (parsed.ok) for (const listener of this.messageListeners) listener(parsed.message);
      else for (const listener of this.invalidListeners) listener(parsed.problem);
    });
    // The exit is reported once the process has ended and its output and message channel are
    // closed, so every message it sent and all it wrote on stderr have been received first.
    child.on('disconnect', () => {
      this.channelClosed = true;
      this.reportExit();
    });
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
    });
    child.on('close', (code, signal) => {
      this.exit ??= { code, signal };
      this.closed = true;
      this.reportExit();
    });
    child.on('error', (error) => {
      if (child.pid === undefined) {
        // It never started: there will be no exit event.
        this.stderrTail += `Could not start the training process: ${error.message}`;
        this.exit = { code: null, signal: null };
        this.closed = true;
        this.channelClosed = true;
        this.reportExit();
      }
    });
  }

  send(message: ToTrainerMessage): boolean {
    if (!this.child.connected) return false;
    try {
      return this.child.send(message, (error) => {
        // The process ended while the message was on its way; its exit is reported anyway.
        void error;
      });
    } catch {
      return false;
    }
  }

  onMessage(listener: (message: FromTrainerMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onInvalidMessage(listener: (problem: string) => void): void {
    this.invalidListeners.push(listener);
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    if (this.exit === null) this.child.kill('SIGKILL');
  }

  diagnostics(): string {
    return this.stderrTail.trim();
  }

  private reportExit(): void {
    if (this.exitReported || this.exit === null || !this.closed) return;
    if (!this.channelClosed && this.child.connected) return;
    this.exitReported = true;
    for (const listener of this.exitListeners) listener(this.exit.code, this.exit.signal);
  }
}
