/** Documents a run produces (JSON), one per run and name; a later one of the same name replaces it. */
export interface ArtifactStore {
  putArtifact(runId: number, name: string, content: unknown): void;
  /** The parsed document, or null when the run has none of that name. */
  getArtifact(runId: number, name: string): unknown;
}
