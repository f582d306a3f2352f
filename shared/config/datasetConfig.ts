import { z } from 'zod';
import type { DatasetKindDefinition, DatasetSampleKind } from '../ml/data/datasetKinds/datasetKindDefinition.js';
import { datasetKindDefinition, datasetKindDefinitions } from '../ml/data/datasetKindRegistry.js';

export { imageAugmentSchema, surfaceNames, surfaceNameSchema, type ImageAugment, type SurfaceName } from './datasetFields.js';

/**
 * The dataset part of a run config: one option per dataset kind of the registry
 * (`shared/ml/data/datasetKindRegistry.ts`), each a strict object.
 */

type SchemaOf<D> = D extends DatasetKindDefinition<infer Schema> ? Schema : never;
type SchemasOf<Definitions extends readonly unknown[]> = { -readonly [K in keyof Definitions]: SchemaOf<Definitions[K]> };
type Definitions = (typeof datasetKindDefinitions)[number];
type KindsWith<Samples extends DatasetSampleKind> = Extract<Definitions, { samples: Samples }>['schema']['shape']['kind']['value'];

export const datasetConfigSchema = z.discriminatedUnion('kind', datasetKindDefinitions.map((d) => d.schema) as unknown as SchemasOf<typeof datasetKindDefinitions>);

export type DatasetConfig = z.infer<typeof datasetConfigSchema>;
export type DatasetKind = DatasetConfig['kind'];
/** Every dataset kind of the registry, in menu order. */
export const datasetKinds = datasetKindDefinitions.map((d) => d.schema.shape.kind.value) as [DatasetKind, ...DatasetKind[]];
export type ImageDatasetConfig = Extract<DatasetConfig, { kind: KindsWith<'image'> }>;
export type TextCsvDatasetConfig = Extract<DatasetConfig, { kind: 'text-csv' }>;
export type ColaDatasetConfig = Extract<DatasetConfig, { kind: 'cola' }>;
export type LanguageModelDatasetConfig = Extract<DatasetConfig, { kind: 'text-lm' }>;

/** What one sample of a dataset config is (image, text, token stream, surface point). */
export function datasetSampleKind(config: DatasetConfig): DatasetSampleKind {
  return datasetKindDefinition(config.kind).samples;
}

/** Every dataset kind whose samples are images (trained by the image classifier loop). */
export function isImageDatasetConfig(config: DatasetConfig): config is ImageDatasetConfig {
  return datasetSampleKind(config) === 'image';
}

/** Height and width of a dataset's images when the config alone tells them. */
export function datasetImageSize(config: DatasetConfig): [number, number] | undefined {
  return (datasetKindDefinition(config.kind) as DatasetKindDefinition).imageSize?.(config as never);
}
