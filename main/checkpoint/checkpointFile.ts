import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointError } from './checkpointError.js';
import { checkpointManifestSchema, type CheckpointManifest, type StoredTensor } from './checkpointManifest.js';
import { manifestFileName } from './checkpointPaths.js';
import { extractFloat32, restoreFloat32 } from './float32Refs.js';

/** What an epoch checkpoint holds, in memory. */
export interface CheckpointData {
  runId: number;
  configHash: string;
  epoch: number;
  step: number;
  elapsedSeconds: number;
  shuffles: number;
  /** The SHA-256 of the pretrained weights file the run started from, when it did. */
  initialWeightsSha256?: string;
  tensors: { name: string; kind: StoredTensor['kind']; shape: number[]; values: Float32Array }[];
  /** `Optimizer.exportState()`: plain data with Float32Arrays. */
  optimizer: unknown;
}

/**
 * Writes a checkpoint into `dir` atomically: the binary file `epoch-<n>.bin` (temp file + rename),
 * then `checkpoint.json` (temp file + rename), then removes older binary files. A crash at any point
 * leaves the previous checkpoint readable. Returns the manifest's path.
 */
export function writeCheckpoint(dir: string, data: CheckpointData, now: () => Date = () => new Date()): string {
  mkdirSync(dir, { recursive: true });
  const tensors: StoredTensor[] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const t of data.tensors) {
    const expected = t.shape.reduce((a, b) => a * b, 1);
    if (expected !== t.values.length) throw new CheckpointError(`Tensor ${t.name} has ${t.values.length} values for shape [${t.shape.join(', ')}]`);
    tensors.push({ name: t.name, kind: t.kind, shape: t.shape, offset, length: t.values.length });
    chunks.push(t.values);
    offset += t.values.length;
  }
  const optimizer = extractFloat32(data.optimizer, offset);
  chunks.push(...optimizer.chunks);
  const bin = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  const binFile = `epoch-${data.epoch}.bin`;
  const manifest: CheckpointManifest = {
    format: 'optlab-checkpoint',
    version: 1,
    runId: data.runId,
    configHash: data.configHash,
    epoch: data.epoch,
    step: data.step,
    elapsedSeconds: data.elapsedSeconds,
    shuffles: data.shuffles,
    binFile,
    binBytes: bin.byteLength,
    binSha256: createHash('sha256').update(bin).digest('hex'),
    ...(data.initialWeightsSha256 === undefined ? {} : { initialWeightsSha256: data.initialWeightsSha256 }),
    tensors,
    optimizer: optimizer.json,
    createdAt: now().toISOString(),
  };
  writeAtomically(join(dir, binFile), bin);
  const manifestPath = join(dir, manifestFileName);
  writeAtomically(manifestPath, Buffer.from(JSON.stringify(manifest)));
  for (const name of readdirSync(dir)) {
    if (name !== binFile && /^epoch-\d+\.bin$/.test(name)) rmSync(join(dir, name), { force: true });
  }
  return manifestPath;
}

/** Reads and validates a checkpoint's manifest and checks its binary file's size (not its contents). */
export function readCheckpointManifest(manifestPath: string): CheckpointManifest {
  if (!existsSync(manifestPath)) throw new CheckpointError(`The checkpoint ${manifestPath} does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new CheckpointError(`The checkpoint ${manifestPath} is not readable JSON (${(error as Error).message})`);
  }
  const parsed = checkpointManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CheckpointError(`The checkpoint ${manifestPath} is not a valid checkpoint manifest (${detail})`);
  }
  const manifest = parsed.data;
  const binPath = join(manifestPath, '..', manifest.binFile);
  if (!existsSync(binPath)) throw new CheckpointError(`The checkpoint's data file ${binPath} is missing`);
  return manifest;
}

/** Reads a whole checkpoint: validates the manifest, the binary file's size and SHA-256, and every reference. */
export function readCheckpoint(manifestPath: string): CheckpointData {
  const manifest = readCheckpointManifest(manifestPath);
  const binPath = join(manifestPath, '..', manifest.binFile);
  const bin = readFileSync(binPath);
  if (bin.byteLength !== manifest.binBytes) {
    throw new CheckpointError(`The checkpoint's data file ${binPath} is truncated or damaged: ${bin.byteLength} bytes, expected ${manifest.binBytes}`);
  }
  if (createHash('sha256').update(bin).digest('hex') !== manifest.binSha256) {
    throw new CheckpointError(`The checkpoint's data file ${binPath} is corrupt (its SHA-256 does not match the manifest)`);
  }
  const totalValues = bin.byteLength / 4;
  const read = (offset: number, length: number): Float32Array => {
    if (offset + length > totalValues) throw new CheckpointError(`The checkpoint ${manifestPath} refers to values past the end of its data file`);
    const copy = new Float32Array(length);
    new Uint8Array(copy.buffer).set(bin.subarray(offset * 4, (offset + length) * 4));
    return copy;
  };
  const tensors = manifest.tensors.map((t) => {
    if (t.shape.reduce((a, b) => a * b, 1) !== t.length) throw new CheckpointError(`Tensor ${t.name} of the checkpoint has ${t.length} values for shape [${t.shape.join(', ')}]`);
    return { name: t.name, kind: t.kind, shape: t.shape, values: read(t.offset, t.length) };
  });
  return {
    runId: manifest.runId,
    configHash: manifest.configHash,
    epoch: manifest.epoch,
    step: manifest.step,
    elapsedSeconds: manifest.elapsedSeconds,
    shuffles: manifest.shuffles,
    ...(manifest.initialWeightsSha256 === undefined ? {} : { initialWeightsSha256: manifest.initialWeightsSha256 }),
    tensors,
    optimizer: restoreFloat32(manifest.optimizer, read),
  };
}

/** Removes a run's checkpoint folder (nothing happens when there is none). */
export function deleteCheckpointDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function writeAtomically(path: string, bytes: Buffer): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}
