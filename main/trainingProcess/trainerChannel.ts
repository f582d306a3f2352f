import { fromTrainerMessageSchema, toTrainerMessageSchema, type FromTrainerMessage, type ToTrainerMessage } from '../../shared/training/trainerMessages.js';

/**
 * The training process's side of the message channel to the main process: Electron's
 * `process.parentPort` in a utility process, Node's IPC channel (`process.send`) under
 * `child_process.fork`. Incoming messages are validated; invalid ones are reported and dropped.
 */
export interface TrainerChannel {
  send(message: FromTrainerMessage): void;
  onMessage(listener: (message: ReturnType<typeof toTrainerMessageSchema.parse>) => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function openTrainerChannel(): TrainerChannel {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  const post = (message: unknown) => {
    if (parentPort) parentPort.postMessage(message);
    else if (process.send) process.send(message);
    else throw new Error('The training process has no channel to the main process');
  };
  return {
    send(message) {
      post(fromTrainerMessageSchema.parse(message));
    },
    onMessage(listener) {
      const receive = (raw: unknown) => {
        const parsed = toTrainerMessageSchema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
        else post({ type: 'failed', error: `Invalid message to the training process: ${parsed.error.message}` } satisfies FromTrainerMessage);
      };
      if (parentPort) parentPort.on('message', (event) => receive(event.data));
      else process.on('message', receive);
    },
  };
}

export type { ToTrainerMessage };
