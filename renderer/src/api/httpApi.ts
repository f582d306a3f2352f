import { apiMethodNames, type ApiEvent, type OptlabApi } from '../../../shared/api/contract.js';
import { parseApiEvent } from './apiEvent.js';
import { httpCall } from './httpCall.js';

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

  const methods = Object.fromEntries(apiMethodNames.map((name) => [name, (input: unknown) => httpCall(token, baseUrl, name, input)]));

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
