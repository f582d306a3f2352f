import { z } from 'zod';
import { surfaceNameSchema } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const surface = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('surface'),
    surface: described(surfaceNameSchema, { label: 'Surface', help: 'A 2-D loss surface of seed 000 (or a classic one).' }),
    /** Start point; the paper's when omitted. */
    start: described(z.tuple([z.number().finite(), z.number().finite()]), { label: 'Start point x, y', help: 'Empty: the paper’s start point.' }).optional(),
  }),
  title: 'Toy surface',
  description: 'Seed 000’s 2-D loss surfaces, optimised by the point model.',
  samples: 'surface',
  modelInputs: () => ({ inputShape: [2], classes: 2, options: {}, assumptions: [] }),
});
