import { z } from 'zod';
import { dataPath, imageAugmentSchema, imageNormalization, testLimit, trainLimit } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const tinyImagenet = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('tiny-imagenet'),
    /** The tiny-imagenet-200 folder: wnids.txt, train/<wnid>/images/*.JPEG, val/images/ with val/val_annotations.txt. */
    path: dataPath('The tiny-imagenet-200 folder (wnids.txt, train/<wnid>/images/, val/images/ + val_annotations.txt); relative paths are looked up in the data folder.').default(
      'tiny-imagenet-200',
    ),
    /** Every 64x64 image is resized (bilinear) to [height, width]: the model's input size. */
    imageSize: described(z.tuple([z.number().int().min(4).max(512), z.number().int().min(4).max(512)]), {
      label: 'Image size (h, w)',
      help: 'Images (64×64) are resized (bilinear) to this size, e.g. 224 for ImageNet-pretrained models.',
    }).default([64, 64]),
    normalization: imageNormalization(),
    /** Use only the first N classes of wnids.txt (0 = all 200). */
    classLimit: described(z.number().int().min(0).max(200), { label: 'Classes', help: 'Use only the first N classes of wnids.txt (0: all 200).' }).default(0),
    trainLimit: trainLimit(),
    testLimit: testLimit('Use only the first N validation images (the test split; 0: all).'),
    augment: imageAugmentSchema.optional(),
  }),
  title: 'Tiny ImageNet',
  description: '200 classes of 64×64 images (500 train, 50 validation each), in its standard folder layout.',
  samples: 'image',
  imageSize: (config) => config.imageSize,
  modelInputs: (config) => ({ inputShape: [...config.imageSize, 3], classes: config.classLimit > 0 ? config.classLimit : 200, options: {}, assumptions: [] }),
});
