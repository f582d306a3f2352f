import type { FieldText } from '../ui/schemaForm/fieldSpec.js';

/** Labels of the training fields, for the New Run form (dataset, model and optimizer fields carry their own). */

export const trainingFieldText: FieldText = {
  epochs: { label: 'Epochs' },
  batchSize: { label: 'Batch size' },
  stepsPerEpoch: { label: 'Steps per epoch', help: 'Optimizer steps per epoch on a surface.' },
  seed: { label: 'Seed', help: 'Initialisation and shuffling.' },
  lossExplosionFactor: { label: 'Loss-explosion factor', help: 'End the run as diverged once a step’s loss exceeds this many times the first epoch’s, e.g. 1000 (empty: only a non-finite loss ends it).' },
  device: { label: 'Device', help: 'auto: the fastest backend found (a GPU through WebGPU when there is one). webgpu also takes a software adapter.' },
};
