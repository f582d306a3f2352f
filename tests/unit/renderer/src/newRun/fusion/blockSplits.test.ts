import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupOfBlock, groupRange, isSplitAfter, toggleSplitAfter, twoGroupSplit, type TypedGroup } from '../../../../../../renderer/src/newRun/fusion/blockSplits.js';

const g = (from: number, to: number, type: string): TypedGroup => ({ from: String(from), to: String(to), type, values: { [type]: { lr: type === 'adam' ? '0.001' : '0.01' } } });
const ranges = (groups: TypedGroup[]) => groups.map((x) => [groupRange(x), x.type]);

test('clicking inside a group splits it there; the new part takes the other optimizer with its defaults', () => {
  const after = toggleSplitAfter([g(0, 4, 'adam')], 2, 'sgd');
  assert.deepEqual(ranges(after), [
    [[0, 2], 'adam'],
    [[3, 4], 'sgd'],
  ]);
  assert.deepEqual(after[0].values, { adam: { lr: '0.001' } }, 'the first part keeps what was typed');
  assert.deepEqual(after[1].values, {});
  assert.ok(isSplitAfter(after, 2));
  assert.ok(!isSplitAfter(after, 1));
});

test('clicking a split merges the two groups into the first one', () => {
  const merged = toggleSplitAfter([g(0, 1, 'adam'), g(2, 3, 'sgd'), g(4, 4, 'mas')], 1, 'sgd');
  assert.deepEqual(ranges(merged), [
    [[0, 3], 'adam'],
    [[4, 4], 'mas'],
  ]);
});

test('a boundary next to a block without a group, or past the blocks, changes nothing', () => {
  const groups = [g(0, 1, 'adam')];
  assert.equal(toggleSplitAfter(groups, 1, 'sgd'), groups);
  assert.equal(groupOfBlock(groups, 2), -1);
  assert.equal(groupRange({ from: '2', to: 'x' }), null);
  assert.equal(groupRange({ from: '3', to: '1' }), null);
});

test("seed 002's two-group split: blocks 0..k, then the rest", () => {
  assert.deepEqual(ranges(twoGroupSplit(5, 2, 'adam', 'sgd')), [
    [[0, 2], 'adam'],
    [[3, 4], 'sgd'],
  ]);
  assert.deepEqual(ranges(twoGroupSplit(1, -1, 'adam', 'sgd')), [[[0, 0], 'adam']]);
});
