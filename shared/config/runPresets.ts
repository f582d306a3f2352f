import type { RunConfigInput } from './runConfig.js';

/**
 * A whole set-up from one of the papers (dataset, model, optimizer, training), for the New Run form
 * to fill in one step. Files the app cannot ship (the data, pretrained weights) are named by paths
 * relative to the data folder; `supply` says what the user provides.
 */
export interface RunPreset {
  id: string;
  title: string;
  /** Where in the paper the set-up comes from, with its settings. */
  source: string;
  /** The files the user points the form at before starting. */
  supply: string;
  config: RunConfigInput;
}

/** Seed 000's text experiments (Tab. 3): BERT-base with MAS, η = 0.0002, μ = 0.95, batch 100. */
const seed000Mas = { type: 'mas', lr: 0.0002, momentum: 0.95, lambdaAdam: 0.5, lambdaSgd: 0.5 } as const;
const bertVocabulary = 'bert-base-uncased/vocab.txt';
/** The paper fine-tunes a pretrained bert-base-uncased: its weights, with a new classifier. */
const bertWeights = { path: 'bert-base-uncased/model.safetensors', replaceHead: true };

export const runPresets: RunPreset[] = [
  {
    id: 'seed000-bert-cola-mas',
    title: 'BERT-base on CoLA with MAS (seed 000, Tab. 3)',
    source: 'Seed 000, Tab. 3: BERT (bert-base-uncased), CoLA, MAS λa = λs = 0.5, η = 0.0002, μ = 0.95, batch 100, 50 epochs',
    supply: `the CoLA folder (cola_public) and bert-base-uncased’s vocab.txt and model.safetensors (${bertVocabulary}, ${bertWeights.path} in the data folder)`,
    config: {
      dataset: { kind: 'cola', path: 'cola_public', vocabFile: bertVocabulary, maxLength: 64 },
      model: { kind: 'bert' },
      optimizer: seed000Mas,
      training: { epochs: 50, batchSize: 100 },
      initialWeights: bertWeights,
    },
  },
  {
    id: 'seed000-bert-ag-news-mas',
    title: 'BERT-base on AG News with MAS (seed 000, Tab. 3)',
    source: 'Seed 000, Tab. 3: BERT (bert-base-uncased), AG News, MAS λa = λs = 0.5, η = 0.0002, μ = 0.95, batch 100, 10 epochs',
    supply: `AG News’s train.csv and test.csv (a folder ag_news) and bert-base-uncased’s vocab.txt and model.safetensors (${bertVocabulary}, ${bertWeights.path} in the data folder)`,
    config: {
      dataset: { kind: 'text-csv', path: 'ag_news', vocabFile: bertVocabulary, maxLength: 128 },
      model: { kind: 'bert' },
      optimizer: seed000Mas,
      training: { epochs: 10, batchSize: 100 },
      initialWeights: bertWeights,
    },
  },
  {
    id: 'seed002-efficientnet-v2-s-fusion',
    title: 'EfficientNetV2-S fusion: Adam on blocks 0–6, SGD on block 7 (seed 002, Tab. 2)',
    source:
      'Seed 002, Tab. 2: EfficientNetV2-S pretrained on ImageNet, Adam up to block 6 then SGD (its best split), images 224×224, batch 128, 10 epochs, cross-entropy; here on Tiny ImageNet with the ImageNet normalisation',
    supply: 'Tiny ImageNet’s tiny-imagenet-200 folder and torchvision’s efficientnet_v2_s state_dict saved as efficientnet_v2_s.safetensors (both in the data folder)',
    config: {
      dataset: { kind: 'tiny-imagenet', path: 'tiny-imagenet-200', imageSize: [224, 224], normalization: 'imagenet' },
      model: { kind: 'efficientnet-v2-s' },
      optimizer: {
        type: 'fusion',
        groups: [
          { blocks: [0, 6], optimizer: { type: 'adam', lr: 0.001 } },
          { blocks: [7, 7], optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9 } },
        ],
      },
      initialWeights: { path: 'efficientnet_v2_s.safetensors', replaceHead: true },
      training: { epochs: 10, batchSize: 128 },
    },
  },
  {
    id: 'seed003-densenet-121-epsilon',
    title: 'DenseNet-121 with Adam, ε = 1e-2: ε histograms (seed 003, Fig. 8)',
    source:
      'Seed 003, Fig. 8 and Tab. 2: DenseNet-121 on CIFAR-10 with Adam and ε = 1e-2, batch 128, 150 epochs, weight decay 5e-4, learning rate ×0.1 at epoch 100, random crop and flip with per-channel z-score; ε histograms per layer at epoch 1 and after',
    supply: 'CIFAR-10’s binary version (cifar-10-batches-bin in the data folder)',
    config: {
      dataset: { kind: 'cifar10', augment: { cropPadding: 4, horizontalFlip: true, zScore: true } },
      model: { kind: 'densenet-121' },
      optimizer: { type: 'adam', lr: 0.001, eps: 0.01, weightDecay: 0.0005 },
      lrSchedule: { type: 'multistep', milestones: [100], gamma: 0.1 },
      training: { epochs: 150, batchSize: 128 },
    },
  },
];
