import { z } from 'zod';

/** The toy loss surfaces of seed 000 (and classic ones), each with its paper's start point. */
export const surfaceNames = ['rosenbrock', 'abs-ridge', 'rosenbrock-eq29', 'product-fit', 'beale', 'himmelblau', 'quadratic-bowl'] as const;
export const surfaceNameSchema = z.enum(surfaceNames);
export type SurfaceName = z.infer<typeof surfaceNameSchema>;

export const imageDatasetNames = ['fashion-mnist', 'mnist'] as const;
/** Every dataset kind whose samples are images (trained by the image classifier loop). */
export const imageDatasetKinds = ['fashion-mnist', 'mnist', 'cifar10', 'cifar100', 'image-folder'] as const;
export const textDatasetKinds = ['text-csv'] as const;
export const languageModelDatasetKinds = ['text-lm'] as const;

const trainLimit = z.number().int().min(0).default(0);
const testLimit = z.number().int().min(0).default(0);
/** A folder or file on this machine; searched in the data folder when relative. */
const dataPath = z.string().trim().min(1, { message: 'a path is needed' }).max(4096);

/**
 * CIFAR-style augmentation of training batches (never of test data), seeded by the run's seed.
 * Applied in this order: z-score, pad-and-crop, flip.
 */
export const imageAugmentSchema = z.object({
  /** Random crop of the original size after zero padding by this many pixels (0 = off; CIFAR uses 4). */
  cropPadding: z.number().int().min(0).max(32).default(0),
  /** Mirror each image left-right with probability 1/2. */
  horizontalFlip: z.boolean().default(false),
  /** Per-channel z-score with the training set's mean and standard deviation (train and test). */
  zScore: z.boolean().default(false),
}).strict();
export type ImageAugment = z.infer<typeof imageAugmentSchema>;

export const datasetConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fashion-mnist'),
    /** Use only the first N training images (0 = all available). */
    trainLimit,
    /** Use only the first N test images (0 = all available). */
    testLimit,
    augment: imageAugmentSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('mnist'),
    trainLimit,
    testLimit,
    augment: imageAugmentSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('surface'),
    surface: surfaceNameSchema,
    /** Start point; the paper's when omitted. */
    start: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  }).strict(),
  z.object({
    kind: z.literal('cifar10'),
    /** Folder with data_batch_1..5.bin and test_batch.bin; `<dataDir>/cifar-10-batches-bin` when omitted. */
    path: dataPath.optional(),
    trainLimit,
    testLimit,
    augment: imageAugmentSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('cifar100'),
    /** Folder with train.bin and test.bin; `<dataDir>/cifar-100-binary` when omitted. */
    path: dataPath.optional(),
    /** The 100 fine classes or the 20 coarse superclasses. */
    label: z.enum(['fine', 'coarse']).default('fine'),
    trainLimit,
    testLimit,
    augment: imageAugmentSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('image-folder'),
    /** A folder with one sub-folder of PNG/JPEG images per class, or with train/ and test/ holding such sub-folders. */
    path: dataPath,
    /** Every image is resized (bilinear) to [height, width]. */
    imageSize: z.tuple([z.number().int().min(4).max(512), z.number().int().min(4).max(512)]).default([32, 32]),
    channels: z.union([z.literal(1), z.literal(3)]).default(3),
    /** Share of each class held out for testing when there is no test/ folder (seeded split). */
    testFraction: z.number().min(0).max(0.9).default(0.2),
    trainLimit,
    testLimit,
    augment: imageAugmentSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('text-csv'),
    /** A CSV file (label,title,text as AG News; label 1..K) or a folder with train.csv and test.csv. */
    path: dataPath,
    /** Vocabulary size, including the padding and unknown tokens. */
    vocabSize: z.number().int().min(3).max(1_000_000).default(20_000),
    /** Tokens per sample: longer texts are cut, shorter ones padded. */
    maxLength: z.number().int().min(1).max(4096).default(64),
    lowercase: z.boolean().default(true),
    /** Share held out for testing when there is no test.csv (seeded split). */
    testFraction: z.number().min(0).max(0.9).default(0.1),
    trainLimit,
    testLimit,
  }).strict(),
  z.object({
    kind: z.literal('text-lm'),
    /** A folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt (or train.txt, valid.txt, test.txt), or one text file (split 90/5/5). */
    path: dataPath,
    level: z.enum(['word', 'char']).default('word'),
    /** Tokens per training sequence (truncated backpropagation through time). */
    seqLength: z.number().int().min(2).max(2048).default(35),
    /** Use only the first N training tokens (0 = all). */
    trainLimit,
    /** Use only the first N validation and test tokens (0 = all). */
    testLimit,
  }).strict(),
]);

export type DatasetConfig = z.infer<typeof datasetConfigSchema>;
export type DatasetKind = DatasetConfig['kind'];
export type ImageDatasetConfig = Extract<DatasetConfig, { kind: (typeof imageDatasetKinds)[number] }>;
export type TextCsvDatasetConfig = Extract<DatasetConfig, { kind: 'text-csv' }>;
export type LanguageModelDatasetConfig = Extract<DatasetConfig, { kind: 'text-lm' }>;

export function isImageDatasetConfig(config: DatasetConfig): config is ImageDatasetConfig {
  return (imageDatasetKinds as readonly string[]).includes(config.kind);
}
