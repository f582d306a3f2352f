import type { ModelConfig } from '../../config/modelConfig.js';
import type { Model } from './model.js';
import { modelDefinition } from './modelRegistry.js';

export interface CreateModelOptions {
  /** Start of the point model (a surface's start point); [0, 0] when omitted. */
  pointStart?: [number, number];
  /**
   * For the LSTM: 'language-model' (logits for every position, `classes` = vocabulary size) or
   * 'classification' (one logit row per sequence). 'classification' when omitted.
   */
  task?: 'classification' | 'language-model';
  /** For the LSTM: size of the input vocabulary; `classes` when omitted (language models). */
  vocabSize?: number;
}

/**
 * Builds the model a config names for inputs of `inputShape` (one sample: [h, w, c] for images,
 * [T] token ids for the LSTM) and `classes` outputs, initialised like PyTorch's defaults from
 * `seed` (same seed, same model, on a given backend).
 */
export function createModel(config: ModelConfig, inputShape: number[], classes: number, seed: number, options: CreateModelOptions = {}): Model {
  return modelDefinition(config.kind).build(config, inputShape, classes, seed, options);
}
