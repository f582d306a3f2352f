import '@tensorflow/tfjs-backend-cpu';
import { ApiError } from '../../shared/api/apiError.js';
import { issueText, issuesFromZod } from '../../shared/errors/fieldIssue.js';
import type { ApiParsedInput, ModelDescription } from '../../shared/api/contract.js';
import { datasetConfigSchema, type DatasetConfig } from '../../shared/config/datasetConfig.js';
import { modelDatasetMismatch, type ModelConfig } from '../../shared/config/modelConfig.js';
import { createModel, type CreateModelOptions } from '../../shared/ml/models/createModel.js';
import { summarizeModel } from '../../shared/ml/models/summarizeModel.js';

/** What `createModel` needs from a dataset config, read without loading the data. */
export interface ModelInputs {
  inputShape: number[];
  classes: number;
  options: CreateModelOptions;
  /** What had to be assumed because only the data itself tells (e.g. an image folder's classes). */
  assumptions: string[];
}

/** The size of bert-base-uncased's vocab.txt, assumed for a WordPiece file that is not read here. */
const bertVocabulary = 30_522;
const bertVocabularyAssumed = 'a vocabulary of 30,522 WordPiece tokens assumed (bert-base-uncased; the file decides)';

/**
 * The sample shape and number of outputs a dataset config implies. Counts that only the files give
 * (classes of an image folder or a CSV, a corpus's vocabulary) are assumed and said so; they change
 * the output layer's parameter count, never the block names.
 */
export function modelInputsForConfig(dataset: DatasetConfig): ModelInputs {
  switch (dataset.kind) {
    case 'fashion-mnist':
    case 'mnist':
      return { inputShape: [28, 28, 1], classes: 10, options: {}, assumptions: [] };
    case 'cifar10':
      return { inputShape: [32, 32, 3], classes: 10, options: {}, assumptions: [] };
    case 'cifar100':
      return { inputShape: [32, 32, 3], classes: dataset.label === 'coarse' ? 20 : 100, options: {}, assumptions: [] };
    case 'image-folder':
      return { inputShape: [...dataset.imageSize, dataset.channels], classes: 10, options: {}, assumptions: ['10 classes assumed (the folder decides)'] };
    case 'text-csv':
      return {
        inputShape: [dataset.maxLength],
        classes: 4,
        options: { task: 'classification', vocabSize: dataset.vocabFile ? bertVocabulary : dataset.vocabSize },
        assumptions: ['4 classes assumed (AG News; the CSV decides)', ...(dataset.vocabFile ? [bertVocabularyAssumed] : [])],
      };
    case 'cola':
      return {
        inputShape: [dataset.maxLength],
        classes: 2,
        options: { task: 'classification', vocabSize: dataset.vocabFile ? bertVocabulary : dataset.vocabSize },
        assumptions: dataset.vocabFile ? [bertVocabularyAssumed] : [],
      };
    case 'text-lm': {
      const vocabulary = dataset.level === 'word' ? 10_000 : 50;
      return {
        inputShape: [dataset.seqLength],
        classes: vocabulary,
        options: { task: 'language-model' },
        assumptions: [`a vocabulary of ${vocabulary} ${dataset.level === 'word' ? 'words' : 'characters'} assumed (the corpus decides)`],
      };
    }
    case 'surface':
      return { inputShape: [2], classes: 2, options: {}, assumptions: [] };
  }
}

/** Dataset kinds whose config has a path (the others refuse one: dataset configs are strict). */
const kindsWithPath = ['cifar10', 'cifar100', 'image-folder', 'text-csv', 'cola', 'text-lm'];

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
