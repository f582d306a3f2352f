import type * as tf from '@tensorflow/tfjs-core';

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

/**
 * A model written with tfjs-core ops (no tfjs-layers), so that the training loop, custom optimizers
 * and instrumentation see every parameter by name.
 */
export interface Model {
  readonly kind: string;
  readonly params: ModelParam[];
  readonly blocks: ModelBlock[];
  /** Input [batch, ...inputShape] → logits [batch, classes]. */
  forward(x: tf.Tensor, training: boolean): tf.Tensor;
  dispose(): void;
}
