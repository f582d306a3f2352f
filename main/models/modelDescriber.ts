import '@tensorflow/tfjs-backend-cpu';
import { ApiError } from '../../shared/api/apiError.js';
import { issueText, issuesFromZod } from '../../shared/errors/fieldIssue.js';
import type { ApiParsedInput, ModelDescription } from '../../shared/api/contract.js';
import { datasetConfigSchema, type DatasetConfig } from '../../shared/config/datasetConfig.js';
import { modelDatasetMismatch, type ModelConfig } from '../../shared/config/modelConfig.js';
import { createModel } from '../../shared/ml/models/createModel.js';
import type { DatasetKindDefinition, ModelInputs } from '../../shared/ml/data/datasetKinds/datasetKindDefinition.js';
import { datasetKindDefinition, datasetKindDefinitions } from '../../shared/ml/data/datasetKindRegistry.js';
import { summarizeModel } from '../../shared/ml/models/summarizeModel.js';

export type { ModelInputs };

/**
 * The sample shape and number of outputs a dataset config implies (its kind's `modelInputs`,
 * shared/ml/data/datasetKinds/). Counts that only the files give (classes of an image folder or a
 * CSV, a corpus's vocabulary) are assumed and said so.
 */
export function modelInputsForConfig(dataset: DatasetConfig): ModelInputs {
  return (datasetKindDefinition(dataset.kind) as DatasetKindDefinition).modelInputs(dataset as never);
}

/** Dataset kinds whose config has a path (the others refuse one: dataset configs are strict). */
const kindsWithPath = datasetKindDefinitions.filter((d) => Object.hasOwn(d.schema.shape, 'path')).map((d) => d.schema.shape.kind.value as string);

/**
 * Describes models for the UI and for checks of fusion plans: blocks in order with their parameter
 * counts and layers (output shapes per sample). Builds the model once per config (weights are
 * made and dropped at once) and remembers the last descriptions.
 */
export class ModelDescriber {
  readonly #cache = new Map<string, ModelDescription>();
  readonly #cacheSize = 32;

  async describeModel(input: ApiParsedInput<'describeModel'>): Promise<ModelDescription> {
    // Path-based kinds need a path to be a valid config; the shape never depends on it.
    const kind = (input.dataset as { kind?: unknown }).kind;
    const candidate = kindsWithPath.includes(String(kind)) ? { path: '.', ...input.dataset } : input.dataset;
    const parsed = datasetConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error, datasetConfigSchema, candidate).map((i) => ({ path: `dataset${i.path ? `.${i.path}` : ''}`, message: i.message }));
      throw new ApiError(`Invalid dataset: ${issues.map(issueText).join('; ')}`, 'invalid-input', issues);
    }
    return this.describe(input.model, parsed.data);
  }

  /** The description of a model for a dataset; throws an invalid-input error when they do not fit. */
  describe(model: ModelConfig, dataset: DatasetConfig): ModelDescription {
    const key = JSON.stringify([model, dataset]);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const mismatch = modelDatasetMismatch(model, dataset);
    if (mismatch) throw new ApiError(`The model does not fit the dataset: ${mismatch}`, 'invalid-input', [{ path: 'model.kind', message: mismatch }]);
    const inputs = modelInputsForConfig(dataset);
    let built;
    try {
      built = createModel(model, inputs.inputShape, inputs.classes, 0, inputs.options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ApiError(`The model cannot be built: ${message}`, 'invalid-input', [{ path: 'model', message }]);
    }
    try {
      const description: ModelDescription = { ...summarizeModel(built), classes: inputs.classes, assumptions: inputs.assumptions };
      this.#cache.set(key, description);
      while (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value as string);
      return description;
    } finally {
      built.dispose();
    }
  }

  /** The model's block names in order (what a fusion plan's ranges index). */
  blockNames(model: ModelConfig, dataset: DatasetConfig): string[] {
    return this.describe(model, dataset).blocks.map((b) => b.name);
  }
}
