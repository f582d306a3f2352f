import type { RunConfig } from '../../shared/config/runConfig.js';
import { registeredRunSchema, reportPaths } from '../../shared/training/reportProtocol.js';

/**
 * Asks a running app (its address and its token, as `optlab serve` prints them) for a new run that
 * will be trained here and reported there: the app stores the run and answers with its id and the
 * run's own token, which is all the reports then carry.
 */
export async function registerReportedRun(appUrl: string, appToken: string, config: RunConfig): Promise<{ runId: number; token: string; reportUrl: string }> {
  const origin = appOrigin(appUrl);
  let response: Response;
  try {
    response = await fetch(`${origin}${reportPaths.register}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${appToken}` },
      body: JSON.stringify({ config }),
    });
  } catch (error) {
    throw new Error(`could not reach the app at ${origin}: ${(error as Error).message}`, { cause: error });
  }
  const body = (await response.json().catch(() => null)) as { result?: unknown; error?: { message?: string } } | null;
  const registered = registeredRunSchema.safeParse(body?.result);
  if (!response.ok || !registered.success) throw new Error(`the app at ${origin} refused the run: ${body?.error?.message ?? `HTTP ${response.status}`}`);
  return { ...registered.data, reportUrl: `${origin}${reportPaths.run(registered.data.runId)}` };
}

/** The app's origin from the address given (`http://host:port/?token=…` or `https://host:port`). */
export function appOrigin(appUrl: string): string {
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    throw new Error(`--report-to ${appUrl} is not a URL (e.g. http://127.0.0.1:8765)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--report-to ${appUrl} must be an http:// or https:// URL`);
  return url.origin;
}
