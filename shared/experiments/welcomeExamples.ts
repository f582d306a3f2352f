import type { ExperimentConfigInput } from './experimentConfig.js';

/**
 * The ready-made experiments the runs page offers on a fresh database: one click creates one and
 * opens its Compare view. `needs` names the dataset kind that must be available first (none for
 * the toy surface, which is computed).
 */
export interface WelcomeExample {
  id: string;
  title: string;
  description: string;
  needs?: 'fashion-mnist';
  config: ExperimentConfigInput;
}

export const welcomeExamples: readonly WelcomeExample[] = [
  {
    id: 'toy-surface',
    title: 'Optimizers on a toy surface',
    description: 'SGD, Adam and MAS on the Rosenbrock surface from (3, 1), 1,000 steps each (as in the MAS paper); trains in seconds.',
    config: {
      name: 'Example: optimizers on the Rosenbrock surface',
      base: {
        dataset: { kind: 'surface', surface: 'rosenbrock' },
        model: { kind: 'point' },
        optimizer: { type: 'sgd', lr: 1e-4 },
        training: { epochs: 10, stepsPerEpoch: 100 },
      },
      sweep: {
        axes: [
          {
            path: 'optimizer',
            options: [
              { label: 'SGD', value: { type: 'sgd', lr: 1e-4 } },
              { label: 'Adam', value: { type: 'adam', lr: 0.01 } },
              { label: 'MAS', value: { type: 'mas', lr: 1e-4, lambdaAdam: 0.5, lambdaSgd: 0.5 } },
            ],
          },
        ],
      },
      trials: { count: 1 },
      notes: 'The first-launch example: three optimizers on a toy surface.',
    },
  },
  {
    id: 'mas-lambda-fashion-mnist',
    title: 'MAS λ study on Fashion-MNIST (small)',
    description: 'Adam, SGD and MAS with λa ∈ {0.3, 0.5, 0.7} (λs = 1 − λa): 5 small runs on 2,000 training images.',
    needs: 'fashion-mnist',
    config: {
      name: 'Example: MAS λ study on Fashion-MNIST (small)',
      base: {
        dataset: { kind: 'fashion-mnist', trainLimit: 2000, testLimit: 500 },
        model: { kind: 'mlp', hidden: [32], activation: 'relu' },
        optimizer: { type: 'adam', lr: 0.003 },
        training: { epochs: 3, batchSize: 100 },
      },
      sweep: {
        axes: [
          {
            path: 'optimizer',
            options: [
              { label: 'Adam', value: { type: 'adam', lr: 0.003 } },
              { label: 'SGD', value: { type: 'sgd', lr: 0.05, momentum: 0.9 } },
              {
                label: 'MAS',
                value: { type: 'mas', lr: 0.01, momentum: 0.9, lambdaAdam: 0.5, lambdaSgd: 0.5 },
                axes: [{ path: 'lambdaAdam', values: [0.3, 0.5, 0.7] }],
                linked: [{ path: 'lambdaSgd', from: 'lambdaAdam', scale: -1, offset: 1 }],
              },
            ],
          },
        ],
      },
      trials: { count: 1 },
      notes: 'The first-launch example: the MAS λ study of the paper, small enough to train in about a minute.',
    },
  },
];
