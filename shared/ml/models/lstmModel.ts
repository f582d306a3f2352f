import * as tf from '@tensorflow/tfjs-core';
import { assembleModel } from './assembleModel.js';
import { dense } from './layers/dense.js';
import { embedding } from './layers/embedding.js';
import type { Layer } from './layers/layer.js';
import { lstm } from './layers/lstm.js';
import { dropout } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { defineModel, requireInputRank } from './modelDefinition.js';

export interface LstmOptions {
  layers: 1 | 2;
  embeddingDim: number;
  hidden: number;
  dropout: number;
  /** 'language-model': logits for every position; 'classification': one per sequence. */
  task: 'language-model' | 'classification';
  vocabSize: number;
}

/**
 * LSTM over token ids [batch, T] (int32), as PyTorch's word_language_model example (embedding and
 * decoder U(±0.1), decoder bias 0, dropout on the embeddings and on each LSTM layer's output).
 * Language model: logits [batch·T, vocab] for the next token at each position (targets flattened
 * the same way; perplexity = exp of the mean loss). Classification: the LSTM outputs averaged over
 * the non-padding positions (id 0 is padding), then a dense layer to the classes: [batch, classes].
 * Blocks `embedding`, `lstm0`(, `lstm1`), `output`.
 */
export function createLstmModel(options: LstmOptions, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const steps = inputShape[0];
  const embed = embedding(builder, 'embedding', 'embedding', [steps], options.vocabSize, options.embeddingDim, { kind: 'uniform', bound: 0.1 });
  const layers: Layer[] = [embed];
  let shape = embed.outputShape;
  const seeds = seed * 31 + 7;
  if (options.dropout > 0) layers.push(dropout(builder, 'embedding', 'embedding.dropout', shape, options.dropout, seeds));
  for (let i = 0; i < options.layers; i++) {
    const layer = lstm(builder, `lstm${i}`, `lstm${i}`, shape, options.hidden);
    layers.push(layer);
    shape = layer.outputShape;
    if (options.dropout > 0) layers.push(dropout(builder, `lstm${i}`, `lstm${i}.dropout`, shape, options.dropout, seeds + i + 1));
  }
  const isLm = options.task === 'language-model';
  const output = isLm ? decoderLayer(builder, options.hidden, classes, 0.1) : dense(builder, 'output', 'output', [options.hidden], classes);
  return assembleModel(isLm ? `lstm${options.layers}-lm` : `lstm${options.layers}-classifier`, builder, inputShape, (ids, training) => {
    let y: tf.Tensor = ids;
    for (const layer of layers) y = layer.apply(y, training);
    if (isLm) return output.apply(tf.reshape(y, [-1, options.hidden]), training);
    const mask = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2);
    const pooled = tf.div(tf.sum(tf.mul(y, mask), 1), tf.maximum(tf.sum(mask, 1), 1));
    return output.apply(pooled, training);
  });
}

/** The language model's decoder: dense hidden → vocab with U(±0.1) weights and zero bias. */
function decoderLayer(builder: ParamBuilder, hidden: number, vocab: number, bound: number): Layer {
  const weight = builder.param('output', 'output.weight', [hidden, vocab], { kind: 'uniform', bound });
  const bias = builder.param('output', 'output.bias', [vocab], { kind: 'zeros' });
  builder.layer({ name: 'output', block: 'output', kind: 'dense', outputShape: [vocab], paramCount: weight.size + bias.size });
  return {
    outputShape: [vocab],
    apply: (x) => tf.fused.matMul({ a: x as tf.Tensor2D, b: weight as tf.Tensor2D, bias }),
  };
}

export const lstmModelDefinition = defineModel({
  schema: z.strictObject({
    kind: z.literal('lstm'),
    /** 1 or 2 stacked LSTM layers. */
    layers: described(z.union([z.literal(1), z.literal(2)]), { label: 'Layers', help: 'Stacked LSTM layers.' }).default(2),
    embeddingDim: described(z.number().int().min(1).max(4096), { label: 'Embedding size', help: 'Size of each token’s embedding.' }).default(200),
    hidden: described(z.number().int().min(1).max(4096), { label: 'Hidden size', help: 'Units of each LSTM layer.' }).default(200),
    dropout: described(z.number().min(0).max(0.9), { label: 'Dropout', help: 'On the embeddings and each layer’s output (0: none).' }).default(0),
  }),
  title: 'LSTM',
  input: 'tokens',
  // Its training fails on wasm: the gather gradient kernel (UnsortedSegmentSum) is missing there.
  backendNeeds: { convolutions: false, embeddingGradients: true },
  blocks: (config) => ['embedding', ...Array.from({ length: config.layers }, (_, i) => `lstm${i}`), 'output'],
  build: (config, inputShape, classes, seed, options) => {
    requireInputRank('an LSTM', 'tokens', inputShape);
    return createLstmModel({ ...config, task: options.task ?? 'classification', vocabSize: options.vocabSize ?? classes }, inputShape, classes, seed);
  },
});
