import { z } from 'zod';
import { isImageDatasetConfig, type DatasetConfig } from './datasetConfig.js';

/** Multiplies every layer's channels (at least 1 each), so large models fit a CPU. */
const width = z.number().min(0.03125, { message: 'width must be at least 1/32' }).max(4).default(1);

export const modelConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('mlp'),
    /** Widths of the hidden layers. */
    hidden: z.array(z.number().int().min(1, { message: 'a layer needs at least 1 unit' }).max(8192)).min(0).max(16).default([256, 128]),
    activation: z.enum(['relu', 'tanh', 'sigmoid']).default('relu'),
  }).strict(),
  z.object({
    kind: z.literal('cnn'),
    /** Channels of the two conv stages (LeNet-style: conv3x3, ReLU, maxpool2 each). */
    channels: z.tuple([z.number().int().min(1).max(512), z.number().int().min(1).max(512)]).default([16, 32]),
  }).strict(),
  z.object({ kind: z.literal('point') }).strict(),
  z.object({
    kind: z.literal('vgg11'),
    width,
    batchNorm: z.boolean().default(true),
  }).strict(),
  z.object({
    kind: z.literal('resnet'),
    /** ResNet-18 or ResNet-34, CIFAR form (3x3 stem, no max pool). */
    depth: z.union([z.literal(18), z.literal(34)]).default(18),
    width,
  }).strict(),
  z.object({
    kind: z.literal('alexnet'),
    width,
    /** Dropout before the output layer (0 = none). */
    dropout: z.number().min(0).max(0.9).default(0),
  }).strict(),
  z.object({
    kind: z.literal('lstm'),
    /** 1 or 2 stacked LSTM layers. */
    layers: z.union([z.literal(1), z.literal(2)]).default(2),
    embeddingDim: z.number().int().min(1).max(4096).default(200),
    hidden: z.number().int().min(1).max(4096).default(200),
    dropout: z.number().min(0).max(0.9).default(0),
  }).strict(),
  z.object({
    kind: z.literal('vit'),
    /** Side of the square patches; must divide the image height and width. */
    patchSize: z.number().int().min(1).max(64).default(4),
    dim: z.number().int().min(4).max(1024).default(64),
    /** Number of transformer encoders (the blocks layer-wise fusion assigns). */
    depth: z.number().int().min(1).max(24).default(4),
    heads: z.number().int().min(1).max(16).default(4),
    mlpDim: z.number().int().min(4).max(4096).default(128),
  }).strict().refine((v) => v.dim % v.heads === 0, { message: 'dim must be divisible by heads', path: ['heads'] }),
]);

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ModelKind = ModelConfig['kind'];

/** Models that take images; the LSTM takes token ids; the point model takes nothing. */
export const imageModelKinds = ['mlp', 'cnn', 'vgg11', 'resnet', 'alexnet', 'vit'] as const;
export const sequenceModelKinds = ['lstm'] as const;

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
  const isImage = isImageDatasetConfig(dataset);
  const isText = dataset.kind === 'text-csv' || dataset.kind === 'text-lm';
  if (model.kind === 'point') return dataset.kind === 'surface' ? undefined : 'the point model only fits a surface';
  if (dataset.kind === 'surface') return 'a surface is optimised with the point model';
  if (model.kind === 'lstm') return isText ? undefined : 'the LSTM needs a text dataset (text CSV or language modeling)';
  if (isText) return `a text dataset needs the LSTM model, not ${model.kind}`;
  if (!isImage) return `${model.kind} needs an image dataset`;
  if (model.kind === 'vit') {
    const size = imageSizeOf(dataset);
    if (size && (size[0] % model.patchSize !== 0 || size[1] % model.patchSize !== 0)) {
      return `ViT patch size ${model.patchSize} does not divide the ${size[0]}x${size[1]} images`;
    }
  }
  return undefined;
}
