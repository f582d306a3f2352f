import { assembleModel, toImageBatch } from './assembleModel.js';
import { batchNorm } from './layers/batchNorm.js';
import { conv2d } from './layers/conv2d.js';
import { dense } from './layers/dense.js';
import { applySequence, type Layer } from './layers/layer.js';
import { LayerStack } from './layers/layerStack.js';
import { globalAvgPool } from './layers/shapeLayers.js';
import type { Model } from './model.js';
import { ParamBuilder } from './paramBuilder.js';
import { z } from 'zod';
import { described } from '../../config/fieldDescriptions.js';
import { scaledWidth, widthMultiplier } from './widthScale.js';
import { defineModel, requireInputRank } from './modelDefinition.js';

const basicBlocksPerStage: Record<18 | 34, number[]> = { 18: [2, 2, 2, 2], 34: [3, 4, 6, 3] };
const stageChannels = [64, 128, 256, 512];

/** ResNet basic block: conv3x3-BN-ReLU, conv3x3-BN, plus the shortcut (1x1 conv + BN when the shape changes), ReLU. */
function basicBlock(builder: ParamBuilder, block: string, prefix: string, inputShape: number[], channels: number, stride: number): Layer {
  const conv1 = conv2d(builder, block, `${prefix}.conv1`, inputShape, channels, { kernel: 3, stride, padding: 1, bias: false });
  const bn1 = batchNorm(builder, block, `${prefix}.bn1`, conv1.outputShape, { relu: true });
  const conv2 = conv2d(builder, block, `${prefix}.conv2`, bn1.outputShape, channels, { kernel: 3, padding: 1, bias: false });
  const bn2 = batchNorm(builder, block, `${prefix}.bn2`, conv2.outputShape);
  const projection =
    stride !== 1 || inputShape[2] !== channels
      ? [
          conv2d(builder, block, `${prefix}.shortcut.conv`, inputShape, channels, { kernel: 1, stride, bias: false }),
          batchNorm(builder, block, `${prefix}.shortcut.bn`, bn2.outputShape),
        ]
      : [];
  const main = [conv1, bn1, conv2];
  return {
    outputShape: bn2.outputShape,
    apply(x, training) {
      const shortcut = projection.length > 0 ? applySequence(projection, x, training) : x;
      // ReLU(bn2(…) + shortcut): one kernel on the fast CPU path.
      return bn2.applyAddRelu(applySequence(main, x, training), shortcut, training);
    },
  };
}

/**
 * ResNet-18/34 in the CIFAR form (He et al. 2016 as in pytorch-cifar): 3x3 stem conv (64, stride 1,
 * no max pool) + BN + ReLU, four stages of basic blocks (64, 128, 256, 512 channels; stride 2 from
 * stage 2), global average pool, dense to the classes. Convs have no bias (BN follows).
 * Blocks `stem`, `stage1`…`stage4`, `output`; params `stage2/block0.conv1.weight` etc.
 * ResNet-18 at width 1 with 10 classes: 11,173,962 params.
 */
export function createResNet(options: { depth: 18 | 34; width: number }, inputShape: number[], classes: number, seed: number): Model {
  const builder = new ParamBuilder(seed);
  const stack = new LayerStack(inputShape);
  stack.push(conv2d(builder, 'stem', 'stem.conv', stack.shape, scaledWidth(64, options.width), { kernel: 3, padding: 1, bias: false }));
  stack.push(batchNorm(builder, 'stem', 'stem.bn', stack.shape, { relu: true }));
  basicBlocksPerStage[options.depth].forEach((count, s) => {
    const stage = `stage${s + 1}`;
    const channels = scaledWidth(stageChannels[s], options.width);
    for (let b = 0; b < count; b++) {
      const stride = s > 0 && b === 0 ? 2 : 1;
      stack.push(basicBlock(builder, stage, `${stage}/block${b}`, stack.shape, channels, stride));
    }
  });
  stack.push(globalAvgPool(builder, 'output', 'avgpool', stack.shape));
  stack.push(dense(builder, 'output', 'output', stack.shape, classes));
  return assembleModel(`resnet${options.depth}`, builder, inputShape, (x, training) => stack.apply(toImageBatch(x, inputShape), training));
}

export const resnetModel = defineModel({
  schema: z.strictObject({
    kind: z.literal('resnet'),
    /** ResNet-18 or ResNet-34, CIFAR form (3x3 stem, no max pool). */
    depth: described(z.union([z.literal(18), z.literal(34)]), { label: 'Depth', help: 'ResNet-18 or ResNet-34 (CIFAR form).' }).default(18),
    width: widthMultiplier(),
  }),
  title: 'ResNet (CIFAR form)',
  input: 'image',
  backendNeeds: { convolutions: true, embeddingGradients: false },
  blocks: () => ['stem', 'stage1', 'stage2', 'stage3', 'stage4', 'output'],
  build: (config, inputShape, classes, seed) => {
    requireInputRank('a ResNet', 'image', inputShape);
    return createResNet({ depth: config.depth, width: config.width }, inputShape, classes, seed);
  },
});
