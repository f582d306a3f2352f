import type { LoadedDataset } from '../data/datasetTypes.js';
import type { CreateModelOptions } from './createModel.js';

/** The arguments `createModel` needs for a loaded dataset: sample shape, outputs, task and vocabulary. */
export function modelInputsFor(dataset: LoadedDataset): { inputShape: number[]; classes: number; options: CreateModelOptions } {
  switch (dataset.type) {
    case 'image':
      return { inputShape: [...dataset.data.shape], classes: dataset.data.classes.length, options: {} };
    case 'text':
      return {
        inputShape: [dataset.data.maxLength],
        classes: dataset.data.classes.length,
        options: { task: 'classification', vocabSize: dataset.data.vocabulary.length },
      };
    case 'language-model':
      return { inputShape: [dataset.data.seqLength], classes: dataset.data.vocabulary.length, options: { task: 'language-model' } };
  }
}
