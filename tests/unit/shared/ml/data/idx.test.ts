import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeIdx, idxImageSplit, IdxFormatError, parseIdx, parseIdxHeader } from '../../../../../shared/ml/data/idx.js';

test('parseIdx reads dims and payload of an unsigned-byte file', () => {
  const bytes = encodeIdx([2, 2, 3], Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]));
  assert.deepEqual(Array.from(bytes.subarray(0, 8)), [0, 0, 8, 3, 0, 0, 0, 2]);
  const parsed = parseIdx(bytes, 'x');
  assert.deepEqual(parsed.dims, [2, 2, 3]);
  assert.deepEqual(Array.from(parsed.data), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
});

test('parseIdx rejects a wrong magic number, naming the file', () => {
  const bytes = Uint8Array.from([0x1f, 0x8b, 8, 1, 0, 0, 0, 1, 7]);
  assert.throws(() => parseIdx(bytes, 'train-images-idx3-ubyte'), (e: unknown) => {
    assert.ok(e instanceof IdxFormatError);
    assert.match(e.message, /^train-images-idx3-ubyte: not an IDX file \(magic bytes 1f 8b 08 01/);
    return true;
  });
});

test('parseIdx rejects non-byte element types and a header cut short', () => {
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), 'f'), /element type is float32/);
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 8]), 'f'), /too short/);
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1]), 'f'), /declares 3 dimensions but the file ends after 8 bytes/);
});

test('parseIdx rejects a truncated payload and trailing bytes', () => {
  const good = encodeIdx([3, 2], new Uint8Array(6));
  assert.throws(() => parseIdx(good.subarray(0, good.length - 1), 'a'), /a: truncated: dimensions \[3, 2\] need 6 payload bytes, the file has 5/);
  const long = new Uint8Array(good.length + 2);
  long.set(good);
  assert.throws(() => parseIdx(long, 'a'), /2 bytes after the payload/);
});

test('parseIdxHeader needs only the header bytes', () => {
  const bytes = encodeIdx([60000, 28, 28], new Uint8Array(60000 * 28 * 28));
  assert.deepEqual(parseIdxHeader(bytes.subarray(0, 16), 'h').dims, [60000, 28, 28]);
});

test('idxImageSplit scales to [0, 1], applies the limit and checks counts and labels', () => {
  const images = parseIdx(encodeIdx([3, 1, 2], Uint8Array.from([0, 255, 51, 102, 1, 2])), 'i');
  const labels = parseIdx(encodeIdx([3], Uint8Array.from([1, 0, 2])), 'l');
  const all = idxImageSplit(images, labels, { images: 'i', labels: 'l' }, { classCount: 3 });
  assert.equal(all.count, 3);
  assert.deepEqual(Array.from(all.images.subarray(0, 4)), [0, 1, 0.2, 0.4].map(Math.fround));
  assert.deepEqual(Array.from(all.labels), [1, 0, 2]);
  const first2 = idxImageSplit(images, labels, { images: 'i', labels: 'l' }, { limit: 2 });
  assert.equal(first2.count, 2);
  assert.equal(first2.images.length, 4);

  const twoLabels = parseIdx(encodeIdx([2], Uint8Array.from([1, 0])), 'l');
  assert.throws(() => idxImageSplit(images, twoLabels, { images: 'i', labels: 'l' }), /l: has 2 labels but i has 3 images/);
  assert.throws(() => idxImageSplit(images, labels, { images: 'i', labels: 'l' }, { classCount: 2 }), /label 2 at index 2 is not below the 2 classes/);
  assert.throws(() => idxImageSplit(labels, labels, { images: 'l', labels: 'l' }), /expected 3 dimensions/);
});
