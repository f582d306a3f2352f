import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { CheckpointError } from '../../../../main/checkpoint/checkpointError.js';
import { readCheckpoint, readCheckpointManifest, writeCheckpoint, type CheckpointData } from '../../../../main/checkpoint/checkpointFile.js';
import { configHash } from '../../../../main/checkpoint/configHash.js';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'optlab-checkpoint-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = runConfigSchema.parse({
  dataset: { kind: 'fashion-mnist' },
  model: { kind: 'mlp', hidden: [4] },
  optimizer: { type: 'adam', lr: 0.001 },
  training: { epochs: 3 },
});

function sample(epoch = 2): CheckpointData {
  return {
    runId: 3,
    configHash: configHash(config),
    epoch,
    step: 40 * epoch,
    elapsedSeconds: 12.5,
    shuffles: epoch,
    tensors: [
      { name: 'hidden/dense.weight', kind: 'param', shape: [2, 3], values: Float32Array.from([1, -2, 3.5, 1e-8, -0, 7]) },
      { name: 'hidden/dense.bias', kind: 'param', shape: [3], values: Float32Array.from([0.1, 0.2, 0.3]) },
      { name: 'hidden/bn.runningMean', kind: 'state', shape: [3], values: Float32Array.from([Math.PI, Math.E, -1]) },
    ],
    optimizer: {
      kind: 'adam',
      lrFactor: 0.5,
      params: {
        'hidden/dense.weight': { step: 80, scalars: {}, tensors: { expAvg: { shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) } } },
        'hidden/dense.bias': { step: 80, scalars: { x: 1.5 }, tensors: { expAvg: { shape: [3], values: Float32Array.from([9, 8, 7]) } } },
      },
    },
  };
}

test('a checkpoint reads back exactly as written: tensors, optimizer state with its Float32Arrays, position', () => {
  const data = sample();
  const manifestPath = writeCheckpoint(dir, data);
  assert.equal(manifestPath, path.join(dir, 'checkpoint.json'));
  assert.deepEqual(readCheckpoint(manifestPath), data);
  const manifest = readCheckpointManifest(manifestPath);
  assert.equal(manifest.binFile, 'epoch-2.bin');
  assert.equal(manifest.binBytes, (6 + 3 + 3 + 6 + 3) * 4);
});

test('only the latest checkpoint is kept, and no temp file is left behind', () => {
  writeCheckpoint(dir, sample(1));
  const manifestPath = writeCheckpoint(dir, sample(2));
  assert.deepEqual(readdirSync(dir).sort(), ['checkpoint.json', 'epoch-2.bin']);
  assert.equal(readCheckpoint(manifestPath).epoch, 2);
});

test('the config hash ignores key order and tells configs apart', () => {
  const reordered = JSON.parse(JSON.stringify({ training: config.training, optimizer: config.optimizer, model: config.model, dataset: config.dataset, lrSchedule: config.lrSchedule }));
  assert.equal(configHash(reordered), configHash(config));
  assert.notEqual(configHash({ ...config, optimizer: { ...config.optimizer, lr: 0.002 } } as typeof config), configHash(config));
});

test('a truncated data file is refused with a clear error', () => {
  const manifestPath = writeCheckpoint(dir, sample());
  truncateSync(path.join(dir, 'epoch-2.bin'), 10);
  assert.throws(() => readCheckpoint(manifestPath), (error: Error) => error instanceof CheckpointError && /truncated or damaged: 10 bytes, expected 84/.test(error.message));
});

test('a data file with changed bytes is refused as corrupt', () => {
  const manifestPath = writeCheckpoint(dir, sample());
  const bin = readFileSync(path.join(dir, 'epoch-2.bin'));
  bin[5] ^= 0xff;
  writeFileSync(path.join(dir, 'epoch-2.bin'), bin);
  assert.throws(() => readCheckpoint(manifestPath), /is corrupt \(its SHA-256 does not match the manifest\)/);
});

test('a manifest that is not JSON, or not a checkpoint manifest, or whose data file is missing, is refused', () => {
  const manifestPath = writeCheckpoint(dir, sample());
  const text = readFileSync(manifestPath, 'utf8');
  writeFileSync(manifestPath, text.slice(0, text.length / 2));
  assert.throws(() => readCheckpointManifest(manifestPath), /is not readable JSON/);
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(text), epoch: 0, format: 'other' }));
  assert.throws(() => readCheckpointManifest(manifestPath), (error: Error) => /not a valid checkpoint manifest/.test(error.message) && /format/.test(error.message) && /epoch/.test(error.message));
  writeFileSync(manifestPath, text);
  rmSync(path.join(dir, 'epoch-2.bin'));
  assert.throws(() => readCheckpointManifest(manifestPath), /data file .* is missing/);
  assert.throws(() => readCheckpoint(path.join(dir, 'nothing.json')), /does not exist/);
});

test('a manifest whose references point past the data file is refused', () => {
  const manifestPath = writeCheckpoint(dir, sample());
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.tensors[0].offset = 1000;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  assert.throws(() => readCheckpoint(manifestPath), /refers to values past the end of its data file/);
});
