import { z } from 'zod';
import type { ModelDefinition, ModelInputKind } from '../ml/models/modelDefinition.js';
import { modelDefinition, modelDefinitions } from '../ml/models/modelRegistry.js';
import { isImageDatasetConfig, type DatasetConfig } from './datasetConfig.js';

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

/** Height and width of a dataset's images when the config alone tells them. */
function imageSizeOf(dataset: DatasetConfig): [number, number] | undefined {
  switch (dataset.kind) {
    case 'fashion-mnist':
    case 'mnist':
      return [28, 28];
    case 'cifar10':
    case 'cifar100':
      return [32, 32];
    case 'image-folder':
      return dataset.imageSize;
    default:
      return undefined;
  }
}

/**
 * Why a model cannot train on a dataset, or undefined when it can: image models need image data,
 * the LSTM token data (text classification or language modeling), the point model a surface; a
 * ViT's patch size must divide the image size. For the run config's cross-field check.
 */
export function modelDatasetMismatch(model: ModelConfig, dataset: DatasetConfig): string | undefined {
  const definition = modelDefinition(model.kind);
  const isImage = isImageDatasetConfig(dataset);
  const isText = dataset.kind === 'text-csv' || dataset.kind === 'text-lm';
  if (definition.input === 'surface') return dataset.kind === 'surface' ? undefined : `the ${model.kind} model only fits a surface`;
  if (dataset.kind === 'surface') return `a surface is optimised with the ${kindsTaking('surface').join(' or ')} model`;
  if (definition.input === 'tokens') return isText ? undefined : `the ${definition.title} needs a text dataset (text CSV or language modeling)`;
  if (isText) return `a text dataset needs the ${titlesTaking('tokens')} model, not ${model.kind}`;
  if (!isImage) return `${model.kind} needs an image dataset`;
  const size = imageSizeOf(dataset);
  return size && definition.imageSizeMismatch ? definition.imageSizeMismatch(model, size) : undefined;
}
