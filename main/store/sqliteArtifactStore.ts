import type { Database } from 'better-sqlite3';
import { issueText, issuesFromZod } from '../../shared/errors/fieldIssue.js';
import { runArtifactSchemas } from '../../shared/runs/runArtifacts.js';
import { UnreadableArtifactError, type ArtifactStore } from './artifactStore.js';

/** Run artifacts in the `run_artifacts` table (migration 006); deleted with their run. */
export class SqliteArtifactStore implements ArtifactStore {
  constructor(private readonly db: Database) {}

  putArtifact(runId: number, name: string, content: unknown): void {
    this.db
      .prepare(
        `INSERT INTO run_artifacts (run_id, name, content, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (run_id, name) DO UPDATE SET content = excluded.content, created_at = excluded.created_at`,
      )
      .run(runId, name, JSON.stringify(content), new Date().toISOString());
  }

  getArtifact(runId: number, name: string): unknown {
    const row = this.db.prepare(`SELECT content FROM run_artifacts WHERE run_id = ? AND name = ?`).get(runId, name) as { content: string } | undefined;
    if (!row) return null;
    let content: unknown;
    try {
      content = JSON.parse(row.content);
    } catch (error) {
      throw new UnreadableArtifactError(runId, name, `not valid JSON (${(error as Error).message})`);
    }
    const schema = runArtifactSchemas[name];
    if (!schema) throw new UnreadableArtifactError(runId, name, 'not a kind of artifact this version knows');
    const parsed = schema.safeParse(content);
    if (!parsed.success) throw new UnreadableArtifactError(runId, name, issuesFromZod(parsed.error, schema, content).map(issueText).join('; '));
    return parsed.data;
  }
}
