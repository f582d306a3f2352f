import type * as tf from '@tensorflow/tfjs-core';
import { applySequence, type Layer } from './layer.js';

/**
 * Layers built one on another: `shape` is the per-sample output shape of the last layer pushed (the
 * input's before the first), the shape the next layer is built for.
 */
export class LayerStack {
  readonly layers: Layer[] = [];
  shape: number[];

  constructor(inputShape: number[]) {
    this.shape = inputShape;
  }

  push(layer: Layer): void {
    this.layers.push(layer);
    this.shape = layer.outputShape;
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    return applySequence(this.layers, x, training);
  }
}
