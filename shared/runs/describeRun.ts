import type { FusionBlocks, FusionConfig, GroupOptimizerConfig } from '../config/optimizerConfig.js';
import type { RunConfig } from '../config/runConfig.js';
import { optimizerCatalog } from '../ml/optim/optimizerCatalog.js';
import { formatMetric } from '../metrics/formatMetric.js';

/** Short descriptions of a run's parts, for tables and headers. */

export function describeDataset(dataset: RunConfig['dataset']): string {
  switch (dataset.kind) {
    case 'surface':
      return `surface: ${dataset.surface}`;
    default: {
      const limit = dataset.trainLimit > 0 ? ` (${dataset.trainLimit} train)` : '';
      return `${dataset.kind}${limit}`;
    }
  }
}

export function describeModel(model: RunConfig['model']): string {
  switch (model.kind) {
    case 'mlp':
      return model.hidden.length > 0 ? `MLP ${model.hidden.join('-')} ${model.activation}` : 'MLP (linear)';
    case 'cnn':
      return `CNN ${model.channels.join('-')}`;
    case 'point':
      return 'point';
    case 'vgg11':
      return `VGG-11${model.batchNorm ? ' BN' : ''}${model.width !== 1 ? ` ×${model.width}` : ''}`;
    case 'resnet':
      return `ResNet-${model.depth}${model.width !== 1 ? ` ×${model.width}` : ''}`;
    case 'alexnet':
      return `AlexNet${model.width !== 1 ? ` ×${model.width}` : ''}`;
    case 'lstm':
      return `LSTM ${model.layers}×${model.hidden}`;
    case 'vit':
      return `ViT p${model.patchSize} d${model.dim} ×${model.depth}`;
    case 'bert':
      return model.hidden === 768 && model.layers === 12 && model.heads === 12 && model.intermediate === 3072 ? 'BERT-base' : `BERT ${model.layers}×${model.hidden}`;
    case 'efficientnet-v2-s':
      return `EfficientNetV2-S${model.width !== 1 || model.depth !== 1 ? ` ×${model.width}/${model.depth}` : ''}`;
    case 'densenet-121':
      return 'DenseNet-121';
  }
}

/** An optimizer's name as the catalog titles it ("Adam", "RMSprop"); the type in capitals otherwise. */
function optimizerTitle(type: string): string {
  return optimizerCatalog.find((o) => o.type === type)?.title ?? type.toUpperCase();
}

/** A fusion group's blocks: "blocks 0–6", "block 3", or their names. */
export function describeBlocks(blocks: FusionBlocks): string {
  if (typeof blocks[0] === 'number') {
    const [from, to] = blocks as [number, number];
    return from === to ? `block ${from}` : `blocks ${from}–${to}`;
  }
  return (blocks as string[]).join(', ');
}

/** A single optimizer with its learning rate, or a mixer as its weighted parts: "0.5·Adam + 0.5·SGD". */
function describeGroupOptimizer(optimizer: GroupOptimizerConfig): string {
  if (optimizer.type === 'mixer') return optimizer.parts.map((part) => `${part.weight}·${describeGroupOptimizer(part.optimizer)}`).join(' + ');
  const lr = (optimizer as { lr?: number }).lr;
  return lr === undefined ? optimizerTitle(optimizer.type) : `${optimizerTitle(optimizer.type)} (lr ${formatMetric(lr)})`;
}

/** One group of a fusion plan: "Adam (lr 0.001) on blocks 0–6". */
export function describeFusionGroup(group: FusionConfig['groups'][number]): string {
  return `${describeGroupOptimizer(group.optimizer)} on ${describeBlocks(group.blocks)}`;
}

/** A fusion plan in one line: "Adam (lr 0.001) on blocks 0–6 · SGD (lr 0.01) on blocks 7–8". */
export function describeFusionPlan(plan: FusionConfig): string {
  return plan.groups.map(describeFusionGroup).join(' · ');
}

export function describeOptimizer(optimizer: RunConfig['optimizer']): string {
  if (optimizer.type === 'fusion') return describeFusionPlan(optimizer);
  if (optimizer.type === 'mixer') return `Mixer: ${describeGroupOptimizer(optimizer)}`;
  const parts: string[] = [];
  if ('lr' in optimizer) parts.push(`lr ${formatMetric(optimizer.lr)}`);
  if (optimizer.type === 'mas') parts.push(`λa ${optimizer.lambdaAdam}`, `λs ${optimizer.lambdaSgd}`);
  if ('momentum' in optimizer && optimizer.momentum > 0) parts.push(`μ ${optimizer.momentum}`);
  const name = optimizer.type.toUpperCase();
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}

/**
 * The parts of a mixer whose learning rates a run records (`lr/part<n>`, in order), described:
 * MAS (standard and linear variants) as its SGD and Adam parts, a mixer as its weighted optimizers;
 * empty for any other optimizer.
 */
export function describeMixerParts(optimizer: RunConfig['optimizer']): string[] {
  if (optimizer.type === 'mixer') return optimizer.parts.map((part) => `${part.weight}·${describeGroupOptimizer(part.optimizer)}`);
  if (optimizer.type === 'mas' && (optimizer.variant === 'standard' || optimizer.variant === 'linear')) {
    return [
      `SGD part (λs ${optimizer.lambdaSgd}, ηs ${formatMetric(optimizer.lrSgd ?? optimizer.lr)})`,
      `Adam part (λa ${optimizer.lambdaAdam}, ηa ${formatMetric(optimizer.lrAdam ?? optimizer.lr)})`,
    ];
  }
  return [];
}
