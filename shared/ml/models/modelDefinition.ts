import type { z } from 'zod';
import type { ModelBackendNeeds } from './backendNeeds.js';
import type { CreateModelOptions } from './createModel.js';
import type { Model } from './model.js';

/** The config schema of one model kind: a strict object with a literal `kind`. */
export type ModelSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * What one sample of the model's input is: an image [height, width, channels], token ids [T], or
 * nothing (the point model's two parameters are the point on a loss surface).
 */
export type ModelInputKind = 'image' | 'tokens' | 'surface';

/**
 * Everything the code knows about one model kind, beside its builder: the config schema (fields with
 * their form text as metadata), title, input kind, the kernels its training needs, and how to build
 * it, and its named blocks (what layer-wise fusion assigns optimizers to), which are the ones the
 * builder gives its parameters, in order. The registry (`modelRegistry.ts`) lists the definitions; the config union,
 * `createModel`, `modelBackendNeeds`, the model/dataset check and the form's choices derive from it.
 */
export interface ModelDefinition<Schema extends ModelSchema = ModelSchema> {
  schema: Schema;
  title: string;
  description?: string;
  input: ModelInputKind;
  /** For token models: the dataset sample kinds they train on ('text' classification, 'token-stream' language modeling); both when omitted. */
  tokenSamples?: Array<'text' | 'token-stream'>;
  backendNeeds: ModelBackendNeeds;
  /**
   * The PyTorch `state_dict` this model can start from (e.g. "torchvision's efficientnet_v2_s"), when
   * its builder gives the model a weight mapping; absent: it cannot load pretrained weights.
   */
  pretrainedWeights?: string;
  /** The named blocks of the model a config builds, in order (fusion plans name them); a test holds the builders to them. */
  blocks(config: z.output<Schema>): string[];
  /** Builds the model for one sample's `inputShape` (checked against `input` first) and `classes` outputs. */
  build(config: z.output<Schema>, inputShape: number[], classes: number, seed: number, options: CreateModelOptions): Model;
  /** Why the model cannot take images of this size, if it cannot (a ViT's patches must divide it). */
  imageSizeMismatch?(config: z.output<Schema>, size: [number, number]): string | undefined;
}

/** Checks a definition's types and keeps its schema's exact type (for the config union). */
export function defineModel<Schema extends ModelSchema>(definition: ModelDefinition<Schema>): ModelDefinition<Schema> {
  return definition;
}

/** Refuses an input shape of another rank than a model takes: [h, w, c] for images, [T] for tokens. */
export function requireInputRank(model: string, input: 'image' | 'tokens', inputShape: number[]): void {
  const [rank, text] = input === 'image' ? [3, 'image input [height, width, channels]'] : [1, 'token input [sequence length]'];
  if (inputShape.length !== rank) throw new Error(`${model} needs ${text}, got [${inputShape.join(', ')}]`);
}
