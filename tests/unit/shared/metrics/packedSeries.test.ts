import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packSeries, seriesFromColumns, unpackSeries, type SeriesColumns } from '../../../../shared/metrics/packedSeries.js';

const columns = (): SeriesColumns => ({
  key: 'train/loss_step',
  steps: Float64Array.from([1, 2, 3, 2 ** 40, 5]),
  epochs: Float64Array.from([0, 0, 1, 7, 10_000]),
  // Values no float32 and no short decimal keep: the last digits, a subnormal, NaN and ±Infinity.
  values: Float64Array.from([0.1 + 0.2, 1 / 3, Number.NaN, Number.POSITIVE_INFINITY, -5e-324]),
  times: Float64Array.from([0.000123456789012345, 12.5, Number.NEGATIVE_INFINITY, 1e300, 86_400.000001]),
});

test('a packed series unpacks to every number exactly as packed, NaN and ±Infinity included', () => {
  const original = columns();
  const packed = packSeries(original);
  assert.equal(packed.count, 5);
  // Through JSON, as every transport carries it.
  const unpacked = unpackSeries(JSON.parse(JSON.stringify(packed)));
  assert.equal(unpacked.key, 'train/loss_step');
  for (const name of ['steps', 'epochs', 'values', 'times'] as const) assert.deepEqual([...unpacked[name]], [...original[name]], name);
  assert.ok(Object.is(unpacked.values[4], -5e-324));
  assert.deepEqual(seriesFromColumns(unpacked).points[0], { step: 1, epoch: 0, value: 0.30000000000000004, time: 0.000123456789012345 });
});

test('packing columns of different lengths, or unpacking a column of the wrong size, is a clear error', () => {
  assert.throws(() => packSeries({ ...columns(), times: new Float64Array(4) }), /column times of "train\/loss_step" has 4 values, steps has 5/);
  const packed = packSeries(columns());
  assert.throws(() => unpackSeries({ ...packed, count: 6 }), /column steps has 40 bytes, expected 6 float64 values \(48 bytes\)/);
  assert.throws(() => unpackSeries({ ...packed, values: packed.values.slice(0, 12) }), /column values has 9 bytes/);
});

test('an empty series packs to empty columns', () => {
  const empty = { key: 'x', steps: new Float64Array(0), epochs: new Float64Array(0), values: new Float64Array(0), times: new Float64Array(0) };
  const unpacked = unpackSeries(packSeries(empty));
  assert.equal(unpacked.steps.length, 0);
  assert.deepEqual(seriesFromColumns(unpacked), { key: 'x', points: [] });
});
