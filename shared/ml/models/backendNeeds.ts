import type { ModelConfig } from '../../config/modelConfig.js';
import { modelDefinition } from './modelRegistry.js';

/** Kernels a model's training needs that some tfjs backends lack (see SPEC, known pitfalls). */
export interface ModelBackendNeeds {
  /** Conv2D backprop (Conv2DBackpropFilter/Input): missing on wasm. */
  convolutions: boolean;
  /** Token-embedding models (the LSTM): their training fails on wasm (its gather gradient kernel, UnsortedSegmentSum, is missing, and the LSTM still fails there with a scatter-add gradient). */
  embeddingGradients: boolean;
}

/** What the model's definition says its training needs. */
export function modelBackendNeeds(config: ModelConfig): ModelBackendNeeds {
  return modelDefinition(config.kind).backendNeeds;
}
