import { z } from 'zod';
import type { ApiEvent } from '../../../shared/api/contract.js';

/**
 * The envelope of an event from the services. The payload inside (a run summary, metric points) is
 * produced by the services from validated data; the envelope is checked here so a malformed message
 * is dropped instead of breaking the page. Events of types added later pass with their `type`.
 */
const knownEventSchemas: Record<string, z.ZodType> = {
  'run-updated': z.object({ run: z.object({ id: z.number().int() }).loose() }).loose(),
  metrics: z
    .object({
      runId: z.number().int(),
      points: z.array(z.object({ key: z.string(), step: z.number(), epoch: z.number(), value: z.number(), time: z.number() })),
    })
    .loose(),
};
const envelopeSchema = z.object({ type: z.string() }).loose();

/** Parses one event message (JSON text), or returns null when it is not an event. */
export function parseApiEvent(text: string): ApiEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return null;
  const known = knownEventSchemas[envelope.data.type];
  if (known && !known.safeParse(json).success) return null;
  return json as ApiEvent;
}
