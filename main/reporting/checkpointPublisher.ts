import { linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { manifestFileName } from '../checkpoint/checkpointPaths.js';

/**
 * Checkpoints of a run trained elsewhere count once the app has them. The training process writes
 * each epoch's checkpoint into `<dir>/pending/` (keeping only the latest); when it reports one, the
 * relay hard-links it into `<dir>/epoch-<n>/` and reports that path instead, and removes an older
 * epoch's folder only once the app has acknowledged a newer one. A task killed before its last
 * reports arrived thus still has the checkpoint the app recorded, which matches the metrics it
 * stored: resuming from it records every step once.
 */
export class CheckpointPublisher {
  /** Published epoch folders, oldest first, with the index of the message that reported each. */
  private readonly published: { dir: string; messageIndex: number }[] = [];

  constructor(private readonly root: string) {}

  /** Where the training process writes its checkpoints. */
  get pendingDir(): string {
    return path.join(this.root, 'pending');
  }

  /** Links the pending checkpoint of `epoch` into its own folder; returns its manifest's path there. */
  publish(epoch: number, messageIndex: number): string {
    const dir = path.join(this.root, `epoch-${epoch}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const binFile = `epoch-${epoch}.bin`;
    if (!readdirSync(this.pendingDir).includes(binFile)) throw new Error(`the checkpoint of epoch ${epoch} is not in ${this.pendingDir}`);
    linkSync(path.join(this.pendingDir, binFile), path.join(dir, binFile));
    linkSync(path.join(this.pendingDir, manifestFileName), path.join(dir, manifestFileName));
    this.published.push({ dir, messageIndex });
    return path.join(dir, manifestFileName);
  }

  /** The app holds the first `received` messages: folders older than the newest checkpoint it has go. */
  acknowledged(received: number): void {
    let newest = -1;
    this.published.forEach((p, i) => {
      if (p.messageIndex < received) newest = i;
    });
    for (const old of this.published.splice(0, Math.max(0, newest))) rmSync(old.dir, { recursive: true, force: true });
  }
}
