/** Reading and writing a config's fields by dotted path (`optimizer.lr`, `model.hidden.0`). */

export function splitPath(path: string): string[] {
  return path.split('.');
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** Whether the path names a field that exists in `root`. */
export function hasPath(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const part of splitPath(path)) {
    if (!isContainer(node) || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/** The value at the path, or undefined when there is none. */
export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of splitPath(path)) {
    if (!isContainer(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A deep copy of `root` with the value at the path replaced; the path's parent must exist. */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const copy = structuredClone(root);
  const parts = splitPath(path);
  let node: unknown = copy;
  for (const part of parts.slice(0, -1)) {
    if (!isContainer(node) || !Object.hasOwn(node, part)) throw new Error(`${path} does not exist`);
    node = (node as Record<string, unknown>)[part];
  }
  if (!isContainer(node)) throw new Error(`${path} does not exist`);
  (node as Record<string, unknown>)[parts[parts.length - 1]] = structuredClone(value);
  return copy;
}

/** Every leaf of a plain JSON value, by dotted path (arrays of numbers count as one leaf). */
export function flattenLeaves(root: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node) && node.every((v) => !isContainer(v))) out[path] = node;
    else if (isContainer(node)) for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k);
    else out[path] = node;
  };
  visit(root, prefix);
  return out;
}
