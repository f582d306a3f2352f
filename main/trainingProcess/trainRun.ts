import { loadDataset } from '../data/loadDataset.js';
import { modelInputsFor } from '../../shared/ml/models/modelInputsFor.js';
import { imageTask } from './tasks/imageTask.js';
import { languageModelTask } from './tasks/languageModelTask.js';
import type { SupervisedTask } from './tasks/supervisedTask.js';
import { textTask } from './tasks/textTask.js';
import { trainSupervised } from './trainSupervised.js';
import { trainSurface } from './trainSurface.js';
import type { TrainingContext } from './trainingContext.js';

/** Trains the run's config to the end; throws DivergedError, CancelledError or the failure. */
export async function trainRun(context: TrainingContext): Promise<void> {
  const { dataset, training } = context.config;
  if (dataset.kind === 'surface') return trainSurface(context, dataset);
  const loaded = await loadDataset(dataset, context.dataDir);
  const { options } = modelInputsFor(loaded);
  let task: SupervisedTask;
  switch (loaded.type) {
    case 'image':
      task = imageTask(loaded.data, 'augment' in dataset ? dataset.augment : undefined, training.seed);
      break;
    case 'text':
      task = textTask(loaded.data);
      break;
    case 'language-model':
      task = languageModelTask(loaded.data);
      break;
  }
  return trainSupervised(context, task, options);
}
