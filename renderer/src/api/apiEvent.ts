import { z } from 'zod';
import type { ApiEvent } from '../../../shared/api/contract.js';

/**
 * The envelope of an event from the services. The payload inside (a run summary, metric points) is
 * produced by the services from validated data; the envelope is checked here so a malformed message
 * is dropped instead of breaking the page.
 */
const apiEventEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-updated'), run: z.object({ id: z.number().int() }).loose() }),
  z.object({
    type: z.literal('metrics'),
    runId: z.number().int(),
    points: z.array(z.object({ key: z.string(), step: z.number(), epoch: z.number(), value: z.number(), time: z.number() })),
  }),
]);

/** Parses one event message (JSON text), or returns null when it is not a known event. */
export function parseApiEvent(text: string): ApiEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = apiEventEnvelopeSchema.safeParse(json);
  return result.success ? (json as ApiEvent) : null;
}
