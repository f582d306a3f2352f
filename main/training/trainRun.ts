import { loadImageDataset } from '../data/loadImageDataset.js';
import { trainClassifier } from './trainClassifier.js';
import { trainSurface } from './trainSurface.js';
import type { TrainingContext } from './trainingContext.js';

/** Trains the run's config to the end; throws DivergedError, CancelledError or the failure. */
export async function trainRun(context: TrainingContext): Promise<void> {
  const { dataset } = context.config;
  if (dataset.kind === 'surface') return trainSurface(context, dataset);
  const data = await loadImageDataset(dataset, context.dataDir);
  return trainClassifier(context, data);
}
