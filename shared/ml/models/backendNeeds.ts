import type { ModelConfig } from '../../config/modelConfig.js';

/** Kernels a model's training needs that some tfjs backends lack (see SPEC, known pitfalls). */
export interface ModelBackendNeeds {
  /** Conv2D backprop (Conv2DBackpropFilter/Input): missing on wasm. */
  convolutions: boolean;
  /** Token-embedding models (the LSTM): their training fails on wasm (its gather gradient kernel, UnsortedSegmentSum, is missing, and the LSTM still fails there with a scatter-add gradient). */
  embeddingGradients: boolean;
}

export function modelBackendNeeds(config: ModelConfig): ModelBackendNeeds {
  switch (config.kind) {
    case 'cnn':
    case 'vgg11':
    case 'resnet':
    case 'alexnet':
      return { convolutions: true, embeddingGradients: false };
    case 'lstm':
      return { convolutions: false, embeddingGradients: true };
    case 'mlp':
    case 'point':
    case 'vit':
      return { convolutions: false, embeddingGradients: false };
  }
}
