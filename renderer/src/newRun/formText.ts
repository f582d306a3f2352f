import type { FieldText } from '../ui/schemaForm/fieldSpec.js';

/** Labels of the training fields, for the New Run form (dataset, model and optimizer fields carry their own). */

export const trainingFieldText: FieldText = {
  epochs: { label: 'Epochs' },
  batchSize: { label: 'Batch size' },
  stepsPerEpoch: { label: 'Steps per epoch', help: 'Optimizer steps per epoch on a surface.' },
  seed: { label: 'Seed', help: 'Initialisation and shuffling.' },
  lossExplosionFactor: { label: 'Loss-explosion factor', help: 'End the run as diverged once a step’s loss exceeds this many times the first epoch’s, e.g. 1000 (empty: only a non-finite loss ends it).' },
  gradClipNorm: { label: 'Gradient clip norm', help: 'Scale the gradients to this global L2 norm before each step when above it, e.g. 1 (empty: no clipping).' },
  'validation.holdOut': { label: 'Validation split', help: 'Hold out this many training examples (seeded) and evaluate them after every epoch as val/loss, val/accuracy… (empty: none).' },
  'validation.seed': { label: 'Validation split seed', help: 'Which examples are held out (empty: the run’s seed; fix it to hold out the same ones in every trial).' },
  threads: { label: 'Threads', help: 'CPU threads of the run on cpu + native (OpenBLAS and the native kernels), e.g. 2 (empty: the machine’s cores ÷ the runs training at once).' },
  device: { label: 'Device', help: 'auto: the fastest backend found (a GPU through WebGPU when there is one). webgpu also takes a software adapter.' },
};

/** Labels of the learning-rate schedule fields: each schedule's factor on the optimizer's base learning rates. */
export const lrScheduleFieldText: FieldText = {
  stepSize: { label: 'Step size (epochs)', help: 'Multiply the learning rate by gamma every this many epochs.' },
  gamma: { label: 'Gamma', help: 'The factor applied at each step or milestone.' },
  milestones: { label: 'Milestones (epochs)', help: 'Epochs at which the learning rate is multiplied by gamma, e.g. 100, 150.' },
  minFactor: { label: 'Minimum factor', help: 'The cosine ends at this fraction of the base learning rate (0 to 1).' },
  warmupSteps: { label: 'Warmup steps', help: 'Optimizer steps of the linear warmup.' },
  startFactor: { label: 'Start factor', help: 'The warmup starts at this fraction of the base learning rate (0 to 1).' },
  after: { label: 'After the warmup', help: 'constant: the base learning rate; cosine: annealed to the minimum factor.' },
};

/** Labels of the ε capture schedule fields (when the ε histograms of adaptive optimizers are captured). */
export const epsilonCaptureFieldText: FieldText = {
  enabled: { label: 'Capture ε histograms' },
  everyEpochs: { label: 'Every N epochs', help: 'At the end of every N-th epoch; epoch 1 is always captured (0: only the listed epochs).' },
  epochs: { label: 'Also at epochs', help: 'Extra epochs captured at their end, e.g. 10, 50.' },
  everySteps: { label: 'Every N steps', help: 'Also capture every N optimizer steps (empty: none).' },
};
