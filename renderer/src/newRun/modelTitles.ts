import { modelDefinitions } from '../../../shared/ml/models/modelRegistry.js';

/** The New Run form's title (and description) of every model kind, from the model registry. */
export const modelTitles: Record<string, { title: string; description?: string }> = Object.fromEntries(
  modelDefinitions.map((d) => [d.schema.shape.kind.value, { title: d.title, description: d.description }]),
);
