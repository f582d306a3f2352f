import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSafetensors, tensorToFloat32 } from '../../../../../shared/ml/weights/safetensors.js';

/** Builds a safetensors file: 8-byte little-endian header length, JSON header, data. */
function file(header: unknown, data: Uint8Array, headerLength?: bigint): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, headerLength ?? BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

test('F32, F16, BF16 and F64 tensors read as float32; metadata kept', () => {
  const data = new Uint8Array(4 * 2 + 2 * 2 + 2 * 2 + 8);
  const view = new DataView(data.buffer);
  view.setFloat32(0, 1.5, true);
  view.setFloat32(4, -2.25, true);
  view.setUint16(8, 0x3c00, true); // 1.0
  view.setUint16(10, 0xc000, true); // -2.0
  view.setUint16(12, 0x3f80, true); // bf16 1.0
  view.setUint16(14, 0x4049, true); // bf16 ≈ 3.140625
  view.setFloat64(16, 0.1, true);
  const parsed = parseSafetensors(
    file(
      {
        __metadata__: { format: 'pt' },
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        h: { dtype: 'F16', shape: [2, 1], data_offsets: [8, 12] },
        b: { dtype: 'BF16', shape: [2], data_offsets: [12, 16] },
        d: { dtype: 'F64', shape: [], data_offsets: [16, 24] },
      },
      data,
    ),
  );
  assert.deepEqual(parsed.metadata, { format: 'pt' });
  assert.deepEqual([...parsed.tensors.keys()], ['a', 'h', 'b', 'd']);
  assert.deepEqual([...tensorToFloat32(parsed.tensors.get('a')!)], [1.5, -2.25]);
  assert.deepEqual([...tensorToFloat32(parsed.tensors.get('h')!)], [1, -2]);
  assert.deepEqual([...tensorToFloat32(parsed.tensors.get('b')!)], [1, 3.140625]);
  assert.equal(tensorToFloat32(parsed.tensors.get('d')!)[0], Math.fround(0.1));
  assert.deepEqual(parsed.tensors.get('h')?.shape, [2, 1]);
});

test('broken files are refused with what is wrong', () => {
  assert.throws(() => parseSafetensors(new Uint8Array(5)), /shorter than the 8-byte header length/);
  assert.throws(() => parseSafetensors(file({}, new Uint8Array(0), 1000n)), /header length 1000 does not fit the file's/);
  const notJson = file({}, new Uint8Array(0));
  notJson[8] = 0x7b;
  notJson[9] = 0x7b;
  assert.throws(() => parseSafetensors(notJson), /header is not JSON/);
  assert.throws(() => parseSafetensors(file([1], new Uint8Array(0))), /not a JSON object/);
  assert.throws(() => parseSafetensors(file({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4))), /'w' lies at bytes 0–8, outside the 4 data bytes/);
  assert.throws(() => parseSafetensors(file({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8))), /'w' \(F32 \[3\]\) needs 12 bytes, has 8/);
  assert.throws(() => parseSafetensors(file({ w: { dtype: 'Q4', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1))), /tensor 'w' is not \{ dtype, shape, data_offsets \}/);
  const ints = parseSafetensors(file({ n: { dtype: 'I64', shape: [], data_offsets: [0, 8] } }, new Uint8Array(8)));
  assert.throws(() => tensorToFloat32(ints.tensors.get('n')!), /'n' is I64, not a floating-point tensor/);
});
