import { z } from 'zod';
import { described } from './fieldDescriptions.js';

/** Fields several dataset kinds share, with their form text (see `fieldDescriptions.ts`). */

/** The toy loss surfaces of seed 000 (and classic ones), each with its paper's start point. */
export const surfaceNames = ['rosenbrock', 'abs-ridge', 'rosenbrock-eq29', 'product-fit', 'beale', 'himmelblau', 'quadratic-bowl'] as const;
export const surfaceNameSchema = z.enum(surfaceNames);
export type SurfaceName = z.infer<typeof surfaceNameSchema>;

/** Use only the first N training examples (0 = all available). */
export function trainLimit(help = 'Use only the first N (0: all).') {
  return described(z.number().int().min(0), { label: 'Train examples', help }).default(0);
}

/** Use only the first N test examples (0 = all available). */
export function testLimit(help = 'Use only the first N (0: all).') {
  return described(z.number().int().min(0), { label: 'Test examples', help }).default(0);
}

/** A folder or file on this machine; searched in the data folder when relative. */
export function dataPath(help = 'A folder or file; relative paths are looked up in the data folder.') {
  return described(z.string().trim().min(1, { message: 'a path is needed' }).max(4096), { label: 'Path', help });
}

/** Share held out for testing when there is no test split (seeded). */
export function testFraction(defaultValue: number) {
  return described(z.number().min(0).max(0.9), { label: 'Test fraction', help: 'Held out when there is no test split (seeded).' }).default(defaultValue);
}

/**
 * CIFAR-style augmentation of training batches (never of test data), seeded by the run's seed.
 * Applied in this order: z-score, pad-and-crop, flip.
 */
export const imageAugmentSchema = z.strictObject({
  /** Random crop of the original size after zero padding by this many pixels (0 = off; CIFAR uses 4). */
  cropPadding: described(z.number().int().min(0).max(32), { label: 'Augment: crop padding', help: 'Random crop after zero padding (0: off; CIFAR uses 4).' }).default(0),
  /** Mirror each image left-right with probability 1/2. */
  horizontalFlip: described(z.boolean(), { label: 'Augment: horizontal flip', help: 'Mirror each training image with probability 1/2.' }).default(false),
  /** Per-channel z-score with the training set's mean and standard deviation (train and test). */
  zScore: described(z.boolean(), { label: 'Per-channel z-score', help: 'With the training set’s mean and standard deviation.' }).default(false),
});
export type ImageAugment = z.infer<typeof imageAugmentSchema>;

/**
 * A WordPiece vocabulary file (BERT's vocab.txt): when given, texts are tokenized as BERT does and
 * take its ids ([CLS] … [SEP], [PAD] = 0) instead of a vocabulary built from the data.
 */
/** The size of bert-base-uncased's vocab.txt, assumed for a WordPiece file that is not read (describing a model). */
export const bertVocabulary = 30_522;
export const bertVocabularyAssumed = 'a vocabulary of 30,522 WordPiece tokens assumed (bert-base-uncased; the file decides)';

export function wordPieceVocabFile() {
  return described(z.string().trim().min(1).max(4096).optional(), {
    label: 'WordPiece vocabulary',
    help: 'A BERT vocab.txt (relative paths: in the data folder). Tokenizes as BERT with its ids; the vocabulary size is then the file’s.',
  });
}

/** Per-channel normalisation of every image (train and test) after resizing: none, or a named preset. */
export function imageNormalization() {
  return described(z.enum(['none', 'imagenet']), {
    label: 'Normalisation',
    help: 'imagenet: (x − mean) / std with ImageNet’s mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225), as torchvision’s pretrained models expect.',
  }).default('none');
}
