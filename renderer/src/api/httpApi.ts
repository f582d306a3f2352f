import { ApiError, type SerializedApiError } from '../../../shared/api/apiError.js';
import { apiMethodNames, type ApiEvent, type ApiMethod, type OptlabApi } from '../../../shared/api/contract.js';
import { parseApiEvent } from './apiEvent.js';

/**
 * The API over the browser-mode server: `POST /api/call/<method>` with a bearer token for calls, one
 * server-sent-events stream (`GET /api/events`) for events, shared by every listener.
 */
export function createHttpApi(token: string, baseUrl = ''): OptlabApi {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;

  function openEvents(): void {
    source = new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseApiEvent(message.data);
      if (!event) return;
      for (const listener of listeners) listener(event);
    };
  }

  async function call(method: ApiMethod, input: unknown): Promise<unknown> {
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

  const methods = Object.fromEntries(apiMethodNames.map((name) => [name, (input: unknown) => call(name, input)]));

  return {
    ...(methods as Omit<OptlabApi, 'onEvent'>),
    onEvent(listener) {
      listeners.add(listener);
      if (!source) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
