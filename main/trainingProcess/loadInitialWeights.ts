import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { InitialWeights } from '../../shared/config/initialWeights.js';
import type { Model } from '../../shared/ml/models/model.js';
import { loadWeights } from '../../shared/ml/weights/loadWeights.js';
import { parseSafetensors } from '../../shared/ml/weights/safetensors.js';
import type { InitialWeightsArtifact } from '../../shared/runs/runArtifacts.js';
import { resolveDataPath } from '../data/resolveDataPath.js';

/**
 * Fills a freshly built model from the run's pretrained weights file (safetensors, a PyTorch
 * `state_dict`): read whole, hashed (SHA-256), parsed and loaded through the model's weight mapping.
 * Throws an error naming the file when it cannot be read or does not fit the model.
 */
export async function loadInitialWeights(model: Model, weights: InitialWeights, dataDir: string): Promise<InitialWeightsArtifact> {
  const file = resolveDataPath(dataDir, weights.path);
  if (!model.weightMapping) throw new Error(`the ${model.kind} model cannot start from pretrained weights`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new Error(`weights file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const loaded = loadWeights(model, parseSafetensors(bytes), model.weightMapping, { replaceHead: weights.replaceHead });
    return { path: file, sha256, bytes: bytes.byteLength, loaded: loaded.loaded, keptHead: loaded.keptHead };
  } catch (error) {
    throw new Error(`weights file ${file}: ${(error as Error).message}`);
  }
}
