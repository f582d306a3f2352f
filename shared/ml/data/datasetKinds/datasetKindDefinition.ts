import type { z } from 'zod';
import type { CreateModelOptions } from '../../models/createModel.js';

/** The config schema of one dataset kind: a strict object with a literal `kind`. */
export type DatasetKindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * What one sample is, which decides the training loop and the models that fit: an image
 * [height, width, channels] (classification), a text turned into token ids (classification), a
 * stretch of a token stream (language modeling), or a point on a 2-D loss surface.
 */
export type DatasetSampleKind = 'image' | 'text' | 'token-stream' | 'surface';

/** A score a dataset's benchmark reports beside accuracy and macro-F1: `mcc`, Matthews correlation (GLUE's CoLA score). */
export type BenchmarkMetric = 'mcc';

/**
 * What a model built for a dataset config takes, read from the config alone (without the data): the
 * sample shape, the number of outputs, the model options, and what had to be assumed because only the
 * files tell (an image folder's classes, a corpus's vocabulary). Assumed counts change the output
 * layer's parameter count, never the block names.
 */
export interface ModelInputs {
  inputShape: number[];
  classes: number;
  options: CreateModelOptions;
  assumptions: string[];
}

/**
 * The shared half of a dataset kind: its config schema (fields with their form text), title, what
 * its samples are and the model inputs they imply. The main half (loader, inspection, downloads) is
 * `main/data/kinds/<kind>.ts`, listed in `main/data/datasetKindDataRegistry.ts`.
 * The registry (`datasetKindRegistry.ts`) lists the definitions; `datasetConfigSchema`, the kind
 * lists, the model/dataset check and the New Run form's choices derive from it.
 */
export interface DatasetKindDefinition<Schema extends DatasetKindSchema = DatasetKindSchema, Samples extends DatasetSampleKind = DatasetSampleKind> {
  schema: Schema;
  title: string;
  description?: string;
  samples: Samples;
  /** Scores its benchmark reports, logged beside accuracy and macro-F1 as test/<name> (and val/<name> with a validation split). */
  benchmarkMetrics?: readonly BenchmarkMetric[];
  /** Height and width of the images when the config alone tells them (image kinds). */
  imageSize?(config: z.output<Schema>): [number, number];
  /** The sample shape and outputs a model for this config takes (the New Run form describes the model with it). */
  modelInputs(config: z.output<Schema>): ModelInputs;
}

/** Checks a definition's types and keeps its schema's and sample kind's exact types. */
export function defineDatasetKind<Schema extends DatasetKindSchema, Samples extends DatasetSampleKind>(
  definition: DatasetKindDefinition<Schema, Samples>,
): DatasetKindDefinition<Schema, Samples> {
  return definition;
}
