import type { FieldText } from '../schemaForm/fieldSpec.js';

/** Titles of dataset kinds, and labels of the dataset and training fields, for the New Run form. */

export const datasetTitles: Record<string, { title: string; description?: string }> = {
  'fashion-mnist': { title: 'Fashion-MNIST' },
  mnist: { title: 'MNIST' },
  cifar10: { title: 'CIFAR-10' },
  cifar100: { title: 'CIFAR-100' },
  'image-folder': { title: 'Image folder', description: 'One sub-folder of images per class.' },
  'text-csv': { title: 'Text classification (CSV)', description: 'AG News layout: label,title,text.' },
  'text-lm': { title: 'Language modeling (text)', description: 'PTB layout or one text file.' },
  surface: { title: 'Toy surface', description: 'Seed 000’s 2-D loss surfaces, optimised by the point model.' },
};

export const datasetFieldText: FieldText = {
  trainLimit: { label: 'Train examples', help: 'Use only the first N (0: all).' },
  testLimit: { label: 'Test examples', help: 'Use only the first N (0: all).' },
  cropPadding: { label: 'Augment: crop padding', help: 'Random crop after zero padding (0: off; CIFAR uses 4).' },
  horizontalFlip: { label: 'Augment: horizontal flip' },
  zScore: { label: 'Per-channel z-score' },
  path: { label: 'Path', help: 'A folder or file; relative paths are looked up in the data folder.' },
  surface: { label: 'Surface' },
  start: { label: 'Start point x, y', help: 'Empty: the paper’s start point.' },
  imageSize: { label: 'Image size (h, w)' },
  testFraction: { label: 'Test fraction', help: 'Held out when there is no test split.' },
  vocabSize: { label: 'Vocabulary size' },
  maxLength: { label: 'Tokens per sample' },
  seqLength: { label: 'Sequence length' },
};

export const trainingFieldText: FieldText = {
  epochs: { label: 'Epochs' },
  batchSize: { label: 'Batch size' },
  stepsPerEpoch: { label: 'Steps per epoch', help: 'Optimizer steps per epoch on a surface.' },
  seed: { label: 'Seed', help: 'Initialisation and shuffling.' },
  lossExplosionFactor: { label: 'Loss-explosion factor', help: 'End the run as diverged once a step’s loss exceeds this many times the first epoch’s, e.g. 1000 (empty: only a non-finite loss ends it).' },
  device: { label: 'Device', help: 'auto: the fastest backend found (a GPU through WebGPU when there is one). webgpu also takes a software adapter.' },
};
