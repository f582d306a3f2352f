import { ApiError, type SerializedApiError } from '../../../shared/api/apiError.js';
import type { ApiMethod } from '../../../shared/api/contract.js';

/** One call to the browser-mode server: `POST /api/call/<method>` with the bearer token; a refusal as an ApiError. */
export async function httpCall(token: string, baseUrl: string, method: ApiMethod, input: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input ?? {}),
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isObject(body) && 'result' in body) return body.result;
  if (isObject(body) && isObject(body.error) && typeof body.error.message === 'string') {
    throw ApiError.fromJSON(body.error as unknown as SerializedApiError);
  }
  throw new ApiError(`${method} failed: HTTP ${response.status} ${response.statusText}`, 'internal');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
