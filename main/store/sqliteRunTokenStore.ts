import type { Database } from 'better-sqlite3';
import type { RunTokenStore } from './runTokenStore.js';

/** Run tokens in the `run_tokens` table (migration 012, the stream's position 016); deleted with their run. */
export class SqliteRunTokenStore implements RunTokenStore {
  constructor(private readonly db: Database) {}

  issue(runId: number, tokenHash: string, issuedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO run_tokens (run_id, token_hash, issued_at, revoked_at, received) VALUES (?, ?, ?, NULL, 0)
         ON CONFLICT (run_id) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at, revoked_at = NULL, received = 0`,
      )
      .run(runId, tokenHash, issuedAt);
  }

  runOfToken(tokenHash: string): number | undefined {
    const row = this.db.prepare(`SELECT run_id FROM run_tokens WHERE token_hash = ? AND revoked_at IS NULL`).get(tokenHash) as { run_id: number } | undefined;
    return row?.run_id;
  }

  revoke(runId: number, revokedAt: string): void {
    this.db.prepare(`UPDATE run_tokens SET revoked_at = ? WHERE run_id = ? AND revoked_at IS NULL`).run(revokedAt, runId);
  }

  setReceived(runId: number, received: number): void {
    this.db.prepare(`UPDATE run_tokens SET received = ? WHERE run_id = ?`).run(received, runId);
  }

  liveToken(runId: number): { received: number } | undefined {
    return this.db.prepare(`SELECT received FROM run_tokens WHERE run_id = ? AND revoked_at IS NULL`).get(runId) as { received: number } | undefined;
  }
}
