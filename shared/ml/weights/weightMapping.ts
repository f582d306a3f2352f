import * as tf from '@tensorflow/tfjs-core';

/** Turns a tensor in PyTorch's layout into the project's layout (a pure tfjs-core function). */
export type TorchLayout = (torch: tf.Tensor) => tf.Tensor;

/** One of the model's tensors (a parameter or batch-norm state) and the `state_dict` entry it comes from. */
export interface WeightEntry {
  /** The model's parameter or state name. */
  target: string;
  /** The PyTorch `state_dict` key. */
  source: string;
  /** From PyTorch's layout to ours (identity when absent). */
  layout?: TorchLayout;
}

/**
 * How a PyTorch `state_dict` (torchvision's names) fills a model: one entry per model tensor, the
 * names of the classification head (replaced, not loaded, when a run asks for another number of
 * classes), and the `state_dict` entries that have no counterpart by design.
 */
export interface WeightMapping {
  entries: WeightEntry[];
  head: string[];
  /** `state_dict` keys the model has no tensor for by design (batch norm's `num_batches_tracked`). */
  ignored: (key: string) => boolean;
  /**
   * How a file's key reads before it is matched (e.g. Hugging Face's legacy `LayerNorm.gamma`/`beta`
   * for `weight`/`bias`); keys are taken as they are when absent. Errors name the keys as read.
   */
  sourceKey?: (fileKey: string) => string;
}

/** nn.Conv2d weight [out, in, kh, kw] → tfjs filter [kh, kw, in, out]. */
export const fromTorchConv2d: TorchLayout = (t) => tf.transpose(t, [2, 3, 1, 0]);
/** Depthwise nn.Conv2d (groups = channels) weight [C, 1, kh, kw] → tfjs depthwise filter [kh, kw, C, 1]. */
export const fromTorchDepthwiseConv2d: TorchLayout = (t) => tf.transpose(t, [2, 3, 0, 1]);
/** nn.Linear weight [out, in] → [in, out]. */
export const fromTorchLinear: TorchLayout = (t) => tf.transpose(t);
/** A 1x1 nn.Conv2d used as a dense layer (squeeze-and-excitation): [out, in, 1, 1] → [in, out]. */
export const fromTorchPointwiseToDense: TorchLayout = (t) => tf.transpose(tf.reshape(t, [t.shape[0], t.size / t.shape[0]]));

/** Builds a mapping layer by layer: each of the model's layer prefixes beside torchvision's. */
export class WeightMappingBuilder {
  readonly entries: WeightEntry[] = [];
  readonly head: string[] = [];

  /** A tensor by its full names. */
  tensor(target: string, source: string, layout?: TorchLayout): this {
    this.entries.push({ target, source, layout });
    return this;
  }

  conv2d(target: string, source: string, options: { bias?: boolean; depthwise?: boolean } = {}): this {
    this.tensor(`${target}.weight`, `${source}.weight`, options.depthwise ? fromTorchDepthwiseConv2d : fromTorchConv2d);
    if (options.bias) this.tensor(`${target}.bias`, `${source}.bias`);
    return this;
  }

  /** nn.BatchNorm2d: weight, bias, running_mean, running_var (its num_batches_tracked is ignored). */
  batchNorm(target: string, source: string): this {
    for (const suffix of ['weight', 'bias', 'running_mean', 'running_var']) this.tensor(`${target}.${suffix}`, `${source}.${suffix}`);
    return this;
  }

  linear(target: string, source: string, options: { head?: boolean; layout?: TorchLayout } = {}): this {
    this.tensor(`${target}.weight`, `${source}.weight`, options.layout ?? fromTorchLinear);
    this.tensor(`${target}.bias`, `${source}.bias`);
    if (options.head) this.head.push(`${target}.weight`, `${target}.bias`);
    return this;
  }

  build(): WeightMapping {
    return { entries: [...this.entries], head: [...this.head], ignored: (key) => key.endsWith('.num_batches_tracked') };
  }
}
