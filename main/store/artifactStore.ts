/** Documents a run produces (JSON), one per run and name; a later one of the same name replaces it. */
export interface ArtifactStore {
  putArtifact(runId: number, name: string, content: unknown): void;
  /**
   * The stored document, checked against its kind's schema (shared/runs/runArtifacts.ts), or null
   * when the run has none of that name. A document that is not valid JSON or not what its kind holds
   * throws an UnreadableArtifactError saying why; nothing is changed.
   */
  getArtifact(runId: number, name: string): unknown;
}

/** A stored artifact that cannot be read back as its kind: the run keeps it, the page says it is unreadable. */
export class UnreadableArtifactError extends Error {
  constructor(
    readonly runId: number,
    readonly artifact: string,
    readonly reason: string,
  ) {
    super(`The stored ${artifact} of run ${runId} is unreadable: ${reason}`);
    this.name = 'UnreadableArtifactError';
  }
}
