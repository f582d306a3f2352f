/**
 * The dotted paths of fields in `raw` that a schema dropped from `parsed` (zod objects strip keys they
 * do not know): what a strict reader refuses instead of silently losing.
 */
export function unknownFields(raw: unknown, parsed: unknown, prefix = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, i) => unknownFields(item, parsed[i], `${prefix}${i}.`));
  }
  if (!isRecord(raw) || !isRecord(parsed)) return [];
  return Object.keys(raw).flatMap((key) => (Object.hasOwn(parsed, key) ? unknownFields(raw[key], parsed[key], `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
