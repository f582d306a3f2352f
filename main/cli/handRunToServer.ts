import type { RunConfig } from '../../shared/config/runConfig.js';
import type { RunSummary } from '../../shared/runs/runTypes.js';
import type { DatabaseOwner } from '../store/databaseLock.js';

/**
 * Queues a run in the browser-mode server that owns the database (its URL, with the token, is in the
 * owner note beside the database, readable only by its user) instead of training it here.
 */
export async function handRunToServer(owner: DatabaseOwner, config: RunConfig): Promise<RunSummary> {
  if (!owner.url) throw new Error(`${owner.program} (pid ${owner.pid}) owns the database but serves no API to hand the run to`);
  const url = new URL(owner.url);
  let response: Response;
  try {
    response = await fetch(`${url.origin}/api/call/createRun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token') ?? ''}` },
      body: JSON.stringify({ config }),
    });
  } catch (error) {
    throw new Error(`could not reach ${owner.program} at ${url.origin}: ${(error as Error).message}`, { cause: error });
  }
  const body = (await response.json().catch(() => null)) as { result?: RunSummary; error?: { message: string } } | null;
  if (!response.ok || !body?.result) throw new Error(`${owner.program} refused the run: ${body?.error?.message ?? `HTTP ${response.status}`}`);
  return body.result;
}
