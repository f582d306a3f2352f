import type { ModelConfig } from '../../config/modelConfig.js';
import { createAlexNet } from './alexnet.js';
import { createCnn } from './cnn.js';
import { createLstmModel } from './lstmModel.js';
import { createMlp } from './mlp.js';
import type { Model } from './model.js';
import { createPointModel } from './pointModel.js';
import { createResNet } from './resnet.js';
import { createVgg11 } from './vgg.js';
import { createVit } from './vit.js';

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

function requireImageShape(kind: string, inputShape: number[]): void {
  if (inputShape.length !== 3) throw new Error(`${kind} needs image input [height, width, channels], got [${inputShape.join(', ')}]`);
}

/**
 * Builds the model a config names for inputs of `inputShape` (one sample: [h, w, c] for images,
 * [T] token ids for the LSTM) and `classes` outputs, initialised like PyTorch's defaults from
 * `seed` (same seed, same model, on a given backend).
 */
export function createModel(config: ModelConfig, inputShape: number[], classes: number, seed: number, options: CreateModelOptions = {}): Model {
  switch (config.kind) {
    case 'mlp':
      return createMlp({ hidden: config.hidden, activation: config.activation }, inputShape, classes, seed);
    case 'cnn':
      requireImageShape('a CNN', inputShape);
      return createCnn(config.channels, inputShape, classes, seed);
    case 'point':
      return createPointModel(options.pointStart);
    case 'vgg11':
      requireImageShape('VGG-11', inputShape);
      return createVgg11({ width: config.width, batchNorm: config.batchNorm }, inputShape, classes, seed);
    case 'resnet':
      requireImageShape('a ResNet', inputShape);
      return createResNet({ depth: config.depth, width: config.width }, inputShape, classes, seed);
    case 'alexnet':
      requireImageShape('AlexNet', inputShape);
      return createAlexNet({ width: config.width, dropout: config.dropout }, inputShape, classes, seed);
    case 'vit':
      requireImageShape('a ViT', inputShape);
      return createVit(config, inputShape, classes, seed);
    case 'lstm': {
      if (inputShape.length !== 1) throw new Error(`an LSTM needs token input [sequence length], got [${inputShape.join(', ')}]`);
      const task = options.task ?? 'classification';
      const vocabSize = options.vocabSize ?? classes;
      return createLstmModel({ ...config, task, vocabSize }, inputShape, classes, seed);
    }
  }
}
