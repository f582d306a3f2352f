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

export const runPresets: RunPreset[] = [
  {
    id: 'seed000-bert-cola-mas',
    title: 'BERT-base on CoLA with MAS (seed 000, Tab. 3)',
    source: 'Seed 000, Tab. 3: BERT (bert-base-uncased), CoLA, MAS λa = λs = 0.5, η = 0.0002, μ = 0.95, batch 100, 50 epochs',
    supply: `the CoLA folder (cola_public) and bert-base-uncased’s vocab.txt (${bertVocabulary} in the data folder)`,
    config: {
      dataset: { kind: 'cola', path: 'cola_public', vocabFile: bertVocabulary, maxLength: 64 },
      model: { kind: 'bert' },
      optimizer: seed000Mas,
      training: { epochs: 50, batchSize: 100 },
    },
  },
  {
    id: 'seed000-bert-ag-news-mas',
    title: 'BERT-base on AG News with MAS (seed 000, Tab. 3)',
    source: 'Seed 000, Tab. 3: BERT (bert-base-uncased), AG News, MAS λa = λs = 0.5, η = 0.0002, μ = 0.95, batch 100, 10 epochs',
    supply: `AG News’s train.csv and test.csv (a folder ag_news) and bert-base-uncased’s vocab.txt (${bertVocabulary} in the data folder)`,
    config: {
      dataset: { kind: 'text-csv', path: 'ag_news', vocabFile: bertVocabulary, maxLength: 128 },
      model: { kind: 'bert' },
      optimizer: seed000Mas,
      training: { epochs: 10, batchSize: 100 },
    },
  },
];
