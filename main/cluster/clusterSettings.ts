import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { issueText, issuesFromZod } from '../../shared/errors/fieldIssue.js';
import { clusterSettingsSchema, type ClusterSettings } from '../../shared/cluster/clusterProfile.js';

/** The cluster profiles are kept beside the database, in `<db file>.clusters.json`. */
export function clusterSettingsFile(dbPath: string): string {
  return `${dbPath}.clusters.json`;
}

/** The stored profiles (none when the file is missing); a file that is not valid is not used, and its problem is returned. */
export function readClusterSettings(file: string): { settings: ClusterSettings; problem?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { settings: { profiles: [] } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { settings: { profiles: [] }, problem: `${file}: not JSON (${(error as Error).message})` };
  }
  const parsed = clusterSettingsSchema.safeParse(json);
  if (!parsed.success) return { settings: { profiles: [] }, problem: `${file}: ${issuesFromZod(parsed.error, clusterSettingsSchema, json).map(issueText).join('; ')}` };
  return { settings: parsed.data };
}

/** Validates and writes the profiles (through a temporary file, so a crash leaves the old ones). */
export async function writeClusterSettings(file: string, settings: ClusterSettings): Promise<ClusterSettings> {
  const valid = clusterSettingsSchema.parse(settings);
  await writeFile(`${file}.tmp`, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return valid;
}
