/**
 * Splitting a model's blocks into fusion groups by clicking the boundaries between blocks. Works on
 * the New Run form's groups as typed (`from`/`to` text, an optimizer type and its typed values):
 * a click between blocks k and k + 1 splits the group covering both, or merges the two groups that
 * meet there.
 */

export interface TypedGroup {
  from: string;
  to: string;
  type: string;
  values: Record<string, Record<string, string | boolean>>;
}

/** A group's block range, or null when its from/to are not block indices. */
export function groupRange(group: Pick<TypedGroup, 'from' | 'to'>): [number, number] | null {
  const from = Number(group.from.trim());
  const to = Number(group.to.trim());
  if (group.from.trim() === '' || group.to.trim() === '' || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from) return null;
  return [from, to];
}

/** The index of the first group whose range holds `block`; −1 when none does. */
export function groupOfBlock(groups: Pick<TypedGroup, 'from' | 'to'>[], block: number): number {
  return groups.findIndex((g) => {
    const range = groupRange(g);
    return range !== null && range[0] <= block && block <= range[1];
  });
}

/** True when one group ends at block k and another starts at k + 1. */
export function isSplitAfter(groups: Pick<TypedGroup, 'from' | 'to'>[], k: number): boolean {
  const left = groupOfBlock(groups, k);
  const right = groupOfBlock(groups, k + 1);
  return left !== -1 && right !== -1 && left !== right;
}

/**
 * The groups after a click on the boundary after block k: the group covering k and k + 1 is split
 * (the new part after k takes `newType`), or the group ending at k absorbs the one starting at k + 1.
 * Unchanged when neither applies (a block without a group).
 */
export function toggleSplitAfter<G extends TypedGroup>(groups: G[], k: number, newType: string): G[] {
  const left = groupOfBlock(groups, k);
  const right = groupOfBlock(groups, k + 1);
  if (left === -1 || right === -1) return groups;
  if (left === right) {
    const [from, to] = groupRange(groups[left])!;
    if (k < from || k >= to) return groups;
    const head = { ...groups[left], to: String(k) };
    const tail = { ...groups[left], from: String(k + 1), to: String(to), type: newType, values: {} } as G;
    return [...groups.slice(0, left), head, tail, ...groups.slice(left + 1)];
  }
  const merged = { ...groups[left], to: groups[right].to };
  return groups.flatMap((g, i) => (i === left ? [merged] : i === right ? [] : [g]));
}

/** Groups covering blocks 0..splitAfter with `first` and the rest with `rest` (seed 002's Adam-then-SGD). */
export function twoGroupSplit(blockCount: number, splitAfter: number, first: string, rest: string): TypedGroup[] {
  if (blockCount < 2 || splitAfter < 0 || splitAfter >= blockCount - 1) return [{ from: '0', to: String(Math.max(0, blockCount - 1)), type: first, values: {} }];
  return [
    { from: '0', to: String(splitAfter), type: first, values: {} },
    { from: String(splitAfter + 1), to: String(blockCount - 1), type: rest, values: {} },
  ];
}
