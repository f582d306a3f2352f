import type * as tf from '@tensorflow/tfjs-core';
import type { WeightMapping } from '../weights/weightMapping.js';

/** One trainable tensor of a model, named (`block/layer.weight`) and tagged with its block. */
export interface ModelParam {
  name: string;
  block: string;
  variable: tf.Variable;
}

/** A named group of layers: the unit layer-wise fusion assigns optimizers to. */
export interface ModelBlock {
  name: string;
  paramNames: string[];
  paramCount: number;
}

/** One layer as the UI lists it: output shape per sample (no batch dimension) and its parameters. */
export interface ModelLayer {
  name: string;
  block: string;
  kind: string;
  outputShape: number[];
  paramCount: number;
}

/**
 * A model written with tfjs-core ops (no tfjs-layers), so that the training loop, custom optimizers
 * and instrumentation see every parameter by name.
 */
export interface Model {
  readonly kind: string;
  readonly params: ModelParam[];
  readonly blocks: ModelBlock[];
  /**
   * Non-trainable tensors the forward pass updates itself (batch-norm running mean/variance), named
   * like params. Never in `params` (optimizers do not see them); checkpoints must save them too.
   */
  readonly state?: ModelParam[];
  /** Shape of one input sample, e.g. [28, 28, 1] (images, channels last) or [35] (token ids). */
  readonly inputShape?: number[];
  /** How a PyTorch `state_dict` (torchvision's names) fills the model, for models that can start from pretrained weights. */
  readonly weightMapping?: WeightMapping;
  /** The layers in order, for `summarizeModel`. */
  readonly layers?: ModelLayer[];
  /**
   * Input [batch, ...inputShape] → logits [batch, classes]; a language model gives [batch·T, vocab]
   * (one row per position, targets flattened the same way). `training` turns on dropout and
   * batch statistics (which also update `state`).
   */
  forward(x: tf.Tensor, training: boolean): tf.Tensor;
  dispose(): void;
}
