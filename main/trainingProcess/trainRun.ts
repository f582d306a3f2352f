import { loadDataset } from '../data/loadDataset.js';
import { modelInputsFor } from '../../shared/ml/models/modelInputsFor.js';
import { splitValidation, type ValidationSplit } from '../../shared/ml/data/validationSplit.js';
import { imageTask } from './tasks/imageTask.js';
import { languageModelTask } from './tasks/languageModelTask.js';
import type { EvaluationSet, SupervisedTask } from './tasks/supervisedTask.js';
import { textTask } from './tasks/textTask.js';
import { withValidationSplit } from './tasks/validationSplitTask.js';
import { trainSupervised } from './trainSupervised.js';
import { trainSurface } from './trainSurface.js';
import type { TrainingContext } from './trainingContext.js';

/** Trains the run's config to the end; throws DivergedError, CancelledError or the failure. */
export async function trainRun(context: TrainingContext): Promise<void> {
  const { dataset, training } = context.config;
  if (dataset.kind === 'surface') return trainSurface(context, dataset);
  const loaded = await loadDataset(dataset, context.dataDir);
  const { options } = modelInputsFor(loaded);
  // The validation split of a training set of `count` examples (the same for the same count and seed).
  const splitOf = (count: number): ValidationSplit | undefined =>
    training.validation ? splitValidation(count, training.validation.holdOut, training.validation.seed ?? training.seed) : undefined;
  let task: SupervisedTask;
  switch (loaded.type) {
    case 'image':
      task = imageTask(loaded.data, 'augment' in dataset ? dataset.augment : undefined, training.seed, splitOf(loaded.data.train.count)?.train);
      break;
    case 'text':
      task = textTask(loaded.data);
      break;
    case 'language-model':
      task = languageModelTask(loaded.data);
      break;
  }
  const split = splitOf(task.trainCount);
  let validation: EvaluationSet | undefined;
  if (split) ({ task, validation } = withValidationSplit(task, split));
  return trainSupervised(context, task, options, validation);
}
