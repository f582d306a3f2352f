/** A checkpoint that is missing, unreadable, corrupt or written for another config. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}
