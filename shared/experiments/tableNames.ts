import type { RunConfig } from '../config/runConfig.js';
import { datasetKindDefinitions } from '../ml/data/datasetKindRegistry.js';
import { optimizerCatalog } from '../ml/optim/optimizerCatalog.js';
import { describeBlocks, describeModel } from '../runs/describeRun.js';
import { getPath } from './configPath.js';

/** Names of a table's rows and row groups as papers write them ("MAS", "ResNet-18", "CIFAR-10"). Pure. */

function optimizerTitle(type: string): string {
  return optimizerCatalog.find((o) => o.type === type)?.title ?? type;
}

function isRunConfig(config: unknown): config is RunConfig {
  return typeof config === 'object' && config !== null && 'optimizer' in config && 'model' in config && 'dataset' in config;
}

/**
 * A row's name by its optimizer, as seed 000's and 002's tables name rows: the optimizer's title
 * ("MAS", "Adam"); a mixer's parts ("Adam + SGD"); a fusion plan's first group with its blocks
 * ("Adam (blocks 0–6)"). Undefined for a config that is not a run's.
 */
export function paperName(config: unknown): string | undefined {
  if (!isRunConfig(config)) return undefined;
  const optimizer = config.optimizer;
  if (optimizer.type === 'fusion') {
    const first = optimizer.groups[0];
    const inner = first.optimizer.type === 'mixer' ? first.optimizer.parts.map((p) => optimizerTitle(p.optimizer.type)).join(' + ') : optimizerTitle(first.optimizer.type);
    return `${inner} (${describeBlocks(first.blocks)})`;
  }
  if (optimizer.type === 'mixer') return optimizer.parts.map((p) => optimizerTitle(p.optimizer.type)).join(' + ');
  return optimizerTitle(optimizer.type);
}

function datasetTitle(dataset: RunConfig['dataset']): string {
  const title = datasetKindDefinitions.find((d) => d.schema.shape.kind.value === dataset.kind)?.title ?? dataset.kind;
  return dataset.kind === 'surface' ? `${title}: ${dataset.surface}` : title;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '–';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * The title of a row group by a config field: `model` as the model's description ("ResNet-18"),
 * `dataset` or `dataset.kind` as the dataset's title ("CIFAR-10"), `optimizer` or `optimizer.type`
 * as the row name; any other field as `path = value`.
 */
export function rowGroupTitle(config: unknown, path: string): string {
  if (isRunConfig(config)) {
    if (path === 'model' || path === 'model.kind') return describeModel(config.model);
    if (path === 'dataset' || path === 'dataset.kind') return datasetTitle(config.dataset);
    if (path === 'optimizer' || path === 'optimizer.type') return paperName(config) ?? config.optimizer.type;
  }
  return `${path} = ${formatValue(getPath(config, path))}`;
}
