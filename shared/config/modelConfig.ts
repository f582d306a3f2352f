import { z } from 'zod';
import type { ModelDefinition, ModelInputKind } from '../ml/models/modelDefinition.js';
import { modelDefinition, modelDefinitions } from '../ml/models/modelRegistry.js';
import { datasetImageSize, datasetSampleKind, type DatasetConfig } from './datasetConfig.js';

type SchemaOf<D> = D extends ModelDefinition<infer Schema> ? Schema : never;
type SchemasOf<Definitions extends readonly unknown[]> = { -readonly [K in keyof Definitions]: SchemaOf<Definitions[K]> };

/** The model part of a run config: one option per definition of the model registry. */
export const modelConfigSchema = z.discriminatedUnion('kind', modelDefinitions.map((d) => d.schema) as unknown as SchemasOf<typeof modelDefinitions>);

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ModelKind = ModelConfig['kind'];

function kindsTaking(input: ModelInputKind): ModelKind[] {
  return modelDefinitions.filter((d) => d.input === input).map((d) => d.schema.shape.kind.value);
}

function titlesTaking(input: ModelInputKind): string {
  return modelDefinitions.filter((d) => d.input === input).map((d) => d.title).join(' or ');
}

/** Models that take images; the LSTM takes token ids; the point model takes nothing. */
export const imageModelKinds = kindsTaking('image');
export const sequenceModelKinds = kindsTaking('tokens');

/**
 * Why a model cannot train on a dataset, or undefined when it can: image models need image data,
 * the LSTM token data (text classification or language modeling), the point model a surface; a
 * ViT's patch size must divide the image size. For the run config's cross-field check.
 */
export function modelDatasetMismatch(model: ModelConfig, dataset: DatasetConfig): string | undefined {
  const definition = modelDefinition(model.kind);
  const samples = datasetSampleKind(dataset);
  const isImage = samples === 'image';
  const isText = samples === 'text' || samples === 'token-stream';
  if (definition.input === 'surface') return samples === 'surface' ? undefined : `the ${model.kind} model only fits a surface`;
  if (samples === 'surface') return `a surface is optimised with the ${kindsTaking('surface').join(' or ')} model`;
  if (definition.input === 'tokens') {
    if (!isText) return `the ${definition.title} needs a text dataset (text CSV or language modeling)`;
    return definition.tokenSamples && !definition.tokenSamples.includes(samples) ? `the ${definition.title} model classifies texts: it needs a text classification dataset` : undefined;
  }
  if (isText) return `a text dataset needs the ${titlesTaking('tokens')} model, not ${model.kind}`;
  if (!isImage) return `${model.kind} needs an image dataset`;
  const size = datasetImageSize(dataset);
  return size && definition.imageSizeMismatch ? definition.imageSizeMismatch(model, size) : undefined;
}
