import type { RunConfig } from '../config/runConfig.js';
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
  }
}

export function describeOptimizer(optimizer: RunConfig['optimizer']): string {
  const parts: string[] = [];
  if ('lr' in optimizer) parts.push(`lr ${formatMetric(optimizer.lr)}`);
  if (optimizer.type === 'mas') parts.push(`λa ${optimizer.lambdaAdam}`, `λs ${optimizer.lambdaSgd}`);
  if ('momentum' in optimizer && optimizer.momentum > 0) parts.push(`μ ${optimizer.momentum}`);
  const name = optimizer.type.toUpperCase();
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}
