/**
 * The tokens that let a run trained elsewhere report to the app: one per run, kept as a SHA-256 hash,
 * revoked when the run ends. Holding a token lets a process append to that one run and nothing else.
 */
export interface RunTokenStore {
  /** Stores the hash of a run's new token, replacing (and so revoking) any earlier one; its stream starts at message 0. */
  issue(runId: number, tokenHash: string, issuedAt: string): void;
  /** The run whose live (not revoked) token has this hash; undefined when none. */
  runOfToken(tokenHash: string): number | undefined;
  /** Revokes the run's token (it stops working at once). */
  revoke(runId: number, revokedAt: string): void;
  /** Records how many of the token's messages the app has stored. */
  setReceived(runId: number, received: number): void;
  /** Whether the run has a live token, and how many of its messages are stored; undefined when none. */
  liveToken(runId: number): { received: number } | undefined;
}
