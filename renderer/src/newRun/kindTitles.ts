import { datasetKindDefinitions } from '../../../shared/ml/data/datasetKindRegistry.js';
import { modelDefinitions } from '../../../shared/ml/models/modelRegistry.js';

/** The New Run form's title (and description) of every model kind, from the model registry. */
export const modelTitles: Record<string, { title: string; description?: string }> = Object.fromEntries(
  modelDefinitions.map((d) => [d.schema.shape.kind.value, { title: d.title, description: d.description }]),
);

/** The New Run form's title (and description) of every dataset kind, from the dataset-kind registry. */
export const datasetTitles: Record<string, { title: string; description?: string }> = Object.fromEntries(
  datasetKindDefinitions.map((d) => [d.schema.shape.kind.value, { title: d.title, description: d.description }]),
);

/** The New Run form's title and description of every learning-rate schedule. */
export const lrScheduleTitles: Record<string, { title: string; description?: string }> = {
  constant: { title: 'Constant', description: 'The optimizer’s learning rate throughout.' },
  step: { title: 'Step', description: 'Multiplied by gamma every few epochs (PyTorch StepLR).' },
  multistep: { title: 'Multistep', description: 'Multiplied by gamma at each milestone epoch (PyTorch MultiStepLR).' },
  cosine: { title: 'Cosine', description: 'Annealed from the base rate to the minimum factor over all training steps (PyTorch CosineAnnealingLR).' },
  warmup: { title: 'Warmup', description: 'A linear warmup, then constant or cosine.' },
};
