/**
 * Moves every Float32Array out of a plain-data value (an optimizer's exported state) into a list of
 * chunks, leaving `{ $f32: [offset, length] }` references (offsets in values); and puts them back.
 */
export function extractFloat32(value: unknown, startOffset: number): { json: unknown; chunks: Float32Array[]; length: number } {
  const chunks: Float32Array[] = [];
  let offset = startOffset;
  const walk = (v: unknown): unknown => {
    if (v instanceof Float32Array) {
      const ref = { $f32: [offset, v.length] };
      chunks.push(v);
      offset += v.length;
      return ref;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const json = walk(value);
  return { json, chunks, length: offset - startOffset };
}

/** The inverse of `extractFloat32`: references are resolved with `read(offset, length)`. */
export function restoreFloat32(json: unknown, read: (offset: number, length: number) => Float32Array): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const ref = (v as { $f32?: unknown }).$f32;
      if (Object.keys(v).length === 1 && Array.isArray(ref) && ref.length === 2 && ref.every((n) => Number.isInteger(n) && n >= 0)) {
        return read(ref[0] as number, ref[1] as number);
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(json);
}
