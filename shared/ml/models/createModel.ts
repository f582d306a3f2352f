import type { ModelConfig } from '../../config/modelConfig.js';
import { createCnn } from './cnn.js';
import { createMlp } from './mlp.js';
import type { Model } from './model.js';
import { createPointModel } from './pointModel.js';

export interface CreateModelOptions {
  /** Start of the point model (a surface's start point); [0, 0] when omitted. */
  pointStart?: [number, number];
}

/**
 * Builds the model a config names for inputs of `inputShape` (one sample, e.g. [28, 28, 1]) and
 * `classes` outputs, initialised like PyTorch's defaults from `seed` (same seed, same model).
 */
export function createModel(config: ModelConfig, inputShape: number[], classes: number, seed: number, options: CreateModelOptions = {}): Model {
  switch (config.kind) {
    case 'mlp':
      return createMlp({ hidden: config.hidden, activation: config.activation }, inputShape, classes, seed);
    case 'cnn':
      if (inputShape.length !== 3) throw new Error(`a CNN needs image input [height, width, channels], got [${inputShape.join(', ')}]`);
      return createCnn(config.channels, inputShape, classes, seed);
    case 'point':
      return createPointModel(options.pointStart);
  }
}
