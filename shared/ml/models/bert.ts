import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { assembleModel } from './assembleModel.js';
import { multiHeadAttention, type Projection } from './layers/attention.js';
import { dense } from './layers/dense.js';
import { embedding } from './layers/embedding.js';
import { layerNorm } from './layers/layerNorm.js';
import { optionalDropout } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { defineModel, requireInputRank } from './modelDefinition.js';
import { ParamBuilder, type Init } from './paramBuilder.js';
import { fromTorchLinear, WeightMappingBuilder, type WeightMapping } from '../weights/weightMapping.js';

export interface BertOptions {
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
  typeVocabSize: number;
  dropout: number;
  attentionDropout: number;
  vocabSize: number;
}

/** BERT's LayerNorm ε. */
const lnEpsilon = 1e-12;
/** Added to the attention scores of padding keys (HF adds the dtype's minimum; both give weight 0). */
const maskedScore = -1e9;
/** BERT's initializer_range: every weight N(0, 0.02), biases 0. */
const weightInit: Init = { kind: 'normal', std: 0.02 };
const biasInit: Init = { kind: 'zeros' };

/** nn.Linear named as Hugging Face's, initialised as BertPreTrainedModel does. */
function linear(builder: ParamBuilder, block: string, prefix: string, shape: number[], units: number, activation: 'linear' | 'gelu' | 'tanh' = 'linear') {
  const layer = dense(builder, block, prefix, shape, units, activation, { weightInit, biasInit });
  return { ...layer, bias: layer.bias as tf.Variable };
}

/**
 * One BertLayer (post-LN): a = LN(x + dropout(attention.output.dense(self-attention(x)))), then
 * LN(a + dropout(output.dense(GELU(intermediate.dense(a))))).
 */
function encoderLayer(builder: ParamBuilder, block: string, prefix: string, shape: number[], options: BertOptions, seed: number) {
  const projection = (name: string): Projection => {
    const layer = linear(builder, block, `${prefix}.attention.self.${name}`, shape, options.hidden);
    return { weight: layer.weight, bias: layer.bias };
  };
  const query = projection('query');
  const key = projection('key');
  const value = projection('value');
  const weightsDropout = optionalDropout(builder, block, `${prefix}.attention.self.dropout`, [shape[0], shape[0]], options.attentionDropout, seed);
  const attentionOut = linear(builder, block, `${prefix}.attention.output.dense`, shape, options.hidden);
  const attentionDropout = optionalDropout(builder, block, `${prefix}.attention.output.dropout`, shape, options.dropout, seed + 1);
  const attentionNorm = layerNorm(builder, block, `${prefix}.attention.output.LayerNorm`, shape, { epsilon: lnEpsilon });
  const intermediate = linear(builder, block, `${prefix}.intermediate.dense`, shape, options.intermediate, 'gelu');
  const output = linear(builder, block, `${prefix}.output.dense`, intermediate.outputShape, options.hidden);
  const outputDropout = optionalDropout(builder, block, `${prefix}.output.dropout`, shape, options.dropout, seed + 2);
  const outputNorm = layerNorm(builder, block, `${prefix}.output.LayerNorm`, shape, { epsilon: lnEpsilon });
  return {
    apply(x: tf.Tensor, keyMask: tf.Tensor, training: boolean): tf.Tensor {
      const attended = multiHeadAttention(x, query, key, value, { weight: attentionOut.weight, bias: attentionOut.bias }, options.heads, { keyMask, weightsDropout, training });
      const a = attentionNorm.apply(tf.add(attentionDropout.apply(attended, training), x), training);
      const y = outputDropout.apply(output.apply(intermediate.apply(a, training), training), training);
      return outputNorm.apply(tf.add(y, a), training);
    },
  };
}

/**
 * A Hugging Face state_dict fills BERT key for key (the names are the same; nn.Linear weights
 * transposed). Read as Hugging Face reads checkpoints: bert-base-uncased's legacy
 * `LayerNorm.gamma`/`beta` are `weight`/`bias`, a bare BertModel's keys gain the `bert.` prefix; its
 * buffers (`position_ids`, `token_type_ids`) and pre-training heads (`cls.*`) have no counterpart.
 * The head is `classifier` (a pre-trained checkpoint has none: replace the head).
 */
function bertWeightMapping(builder: ParamBuilder): WeightMapping {
  const mapping = new WeightMappingBuilder();
  for (const { name, variable } of builder.params) {
    if (name.startsWith('classifier.')) continue;
    mapping.tensor(name, name, variable.rank === 2 && !name.endsWith('_embeddings.weight') ? fromTorchLinear : undefined);
  }
  const built = mapping.linear('classifier', 'classifier', { head: true }).build();
  return {
    ...built,
    ignored: (key) => key.startsWith('cls.') || key === 'bert.embeddings.position_ids' || key === 'bert.embeddings.token_type_ids',
    sourceKey: (key) => {
      const named = key.replace(/\.LayerNorm\.gamma$/, '.LayerNorm.weight').replace(/\.LayerNorm\.beta$/, '.LayerNorm.bias');
      return /^(embeddings|encoder|pooler)\./.test(named) ? `bert.${named}` : named;
    },
  };
}

/**
 * Hugging Face's BertForSequenceClassification, tensor for tensor, over token ids [batch, T] (id 0
 * is [PAD]: masked out of attention, as the attention_mask of a padded batch; token types all 0):
 * embeddings (word, with padding row 0, + position + token type, LayerNorm ε 1e-12, dropout),
 * `layers` post-LN encoder layers with exact GELU, the pooler (dense + tanh on the first token,
 * [CLS]), dropout and the classifier. Parameter names are Hugging Face's state_dict keys
 * (`bert.encoder.layer.<i>.attention.self.query.weight`, …; weights [in, out], theirs transposed).
 * bert-base-uncased: vocabulary 30522, hidden 768, 12 layers, 12 heads, intermediate 3072, 512
 * positions: 109,483,778 parameters with 2 labels.
 * Blocks `embeddings`, `encoder0`…, `pooler`, `classifier`.
 */
export function createBert(options: BertOptions, inputShape: number[], classes: number, seed: number): Model {
  const [steps] = inputShape;
  if (steps > options.maxPositions) throw new Error(`BERT: ${steps} tokens per sample exceed its ${options.maxPositions} positions`);
  if (options.hidden % options.heads !== 0) throw new Error(`BERT: hidden size ${options.hidden} is not divisible by ${options.heads} heads`);
  const dim = options.hidden;
  const builder = new ParamBuilder(seed);
  const words = embedding(builder, 'embeddings', 'bert.embeddings.word_embeddings', [steps], options.vocabSize, dim, weightInit, { paddingIndex: 0 });
  const positions = builder.param('embeddings', 'bert.embeddings.position_embeddings.weight', [options.maxPositions, dim], weightInit);
  const types = builder.param('embeddings', 'bert.embeddings.token_type_embeddings.weight', [options.typeVocabSize, dim], weightInit);
  builder.layer({ name: 'bert.embeddings.position+token_type', block: 'embeddings', kind: 'embedding', outputShape: [steps, dim], paramCount: positions.size + types.size });
  const tokenShape = [steps, dim];
  const embedNorm = layerNorm(builder, 'embeddings', 'bert.embeddings.LayerNorm', tokenShape, { epsilon: lnEpsilon });
  const embedDropout = optionalDropout(builder, 'embeddings', 'bert.embeddings.dropout', tokenShape, options.dropout, seed * 31 + 1);
  const encoders = Array.from({ length: options.layers }, (_, i) => encoderLayer(builder, `encoder${i}`, `bert.encoder.layer.${i}`, tokenShape, options, seed * 31 + 10 * (i + 1)));
  const pooler = linear(builder, 'pooler', 'bert.pooler.dense', [dim], dim, 'tanh');
  const headDropout = optionalDropout(builder, 'classifier', 'dropout', [dim], options.dropout, seed * 31 + 2);
  const classifier = linear(builder, 'classifier', 'classifier', [dim], classes);
  return assembleModel('bert', builder, inputShape, (x, training) => {
    const ids = tf.cast(x, 'int32');
    const batch = ids.shape[0];
    const keyMask = tf.mul(tf.cast(tf.equal(ids, 0), 'float32'), maskedScore);
    const summed = tf.add(tf.add(words.apply(ids, training), tf.slice(positions, [0, 0], [steps, dim])), tf.slice(types, [0, 0], [1, dim]));
    let hidden = embedDropout.apply(embedNorm.apply(summed, training), training);
    for (const encoder of encoders) hidden = encoder.apply(hidden, keyMask, training);
    const first = tf.reshape(tf.slice(hidden, [0, 0, 0], [batch, 1, dim]), [batch, dim]);
    return classifier.apply(headDropout.apply(pooler.apply(first, training), training), training);
  }, bertWeightMapping(builder));
}

export const bertModel = defineModel({
  schema: z
    .strictObject({
      kind: z.literal('bert'),
      hidden: described(z.number().int().min(4).max(4096), { label: 'Hidden size', help: 'Size of each token, divisible by heads (BERT-base: 768).' }).default(768),
      /** Number of encoder layers (the blocks layer-wise fusion assigns). */
      layers: described(z.number().int().min(1).max(48), { label: 'Layers', help: 'Encoder layers, each a block for fusion (BERT-base: 12).' }).default(12),
      heads: described(z.number().int().min(1).max(64), { label: 'Heads', help: 'Attention heads (BERT-base: 12).' }).default(12),
      intermediate: described(z.number().int().min(4).max(16384), { label: 'Intermediate size', help: 'Hidden units of each layer’s feed-forward part (BERT-base: 3072).' }).default(3072),
      maxPositions: described(z.number().int().min(1).max(8192), { label: 'Positions', help: 'Position embeddings: the longest input (BERT-base: 512).' }).default(512),
      typeVocabSize: described(z.number().int().min(1).max(16), { label: 'Token types', help: 'Segment embeddings (BERT-base: 2; inputs use type 0).' }).default(2),
      dropout: described(z.number().min(0).max(0.9), { label: 'Dropout', help: 'Hidden dropout, also before the classifier (BERT: 0.1).' }).default(0.1),
      attentionDropout: described(z.number().min(0).max(0.9), { label: 'Attention dropout', help: 'On the attention weights (BERT: 0.1).' }).default(0.1),
    })
    .refine((v) => v.hidden % v.heads === 0, { message: 'hidden size must be divisible by heads', path: ['heads'] }),
  title: 'BERT',
  description: 'Hugging Face’s BertForSequenceClassification; the defaults are bert-base-uncased (use a WordPiece vocabulary file for its token ids).',
  input: 'tokens',
  tokenSamples: ['text'],
  // Embedding gradients: the scatter-add that wasm lacks, as for the LSTM.
  backendNeeds: { convolutions: false, embeddingGradients: true },
  pretrainedWeights: 'Hugging Face’s bert-base-uncased (its model.safetensors; replace the head for a new task)',
  blocks: (config) => ['embeddings', ...Array.from({ length: config.layers }, (_, i) => `encoder${i}`), 'pooler', 'classifier'],
  build: (config, inputShape, classes, seed, options) => {
    requireInputRank('BERT', 'tokens', inputShape);
    if (options.task === 'language-model') throw new Error('BERT classifies sequences; language modeling needs the LSTM');
    return createBert({ ...config, vocabSize: options.vocabSize ?? classes }, inputShape, classes, seed);
  },
});
