import type { z } from 'zod';

/** The config schema of one dataset kind: a strict object with a literal `kind`. */
export type DatasetKindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * What one sample is, which decides the training loop and the models that fit: an image
 * [height, width, channels] (classification), a text turned into token ids (classification), a
 * stretch of a token stream (language modeling), or a point on a 2-D loss surface.
 */
export type DatasetSampleKind = 'image' | 'text' | 'token-stream' | 'surface';

/**
 * The shared half of a dataset kind: its config schema (fields with their form text), title, and
 * what its samples are. The main side's half (loader, inspection, downloads) lives in main/data/.
 * The registry (`datasetKindRegistry.ts`) lists the definitions; `datasetConfigSchema`, the kind
 * lists, the model/dataset check and the New Run form's choices derive from it.
 */
export interface DatasetKindDefinition<Schema extends DatasetKindSchema = DatasetKindSchema, Samples extends DatasetSampleKind = DatasetSampleKind> {
  schema: Schema;
  title: string;
  description?: string;
  samples: Samples;
  /** Height and width of the images when the config alone tells them (image kinds). */
  imageSize?(config: z.output<Schema>): [number, number];
}

/** Checks a definition's types and keeps its schema's and sample kind's exact types. */
export function defineDatasetKind<Schema extends DatasetKindSchema, Samples extends DatasetSampleKind>(
  definition: DatasetKindDefinition<Schema, Samples>,
): DatasetKindDefinition<Schema, Samples> {
  return definition;
}
