import { surfaceNames } from '../../../shared/config/datasetConfig.js';
import { defineDatasetKindData } from './datasetKindData.js';

const listed = {
  kind: 'surface',
  title: `Toy surfaces (${surfaceNames.join(', ')})`,
  available: true,
  source: 'built in',
  trainCount: 0,
  testCount: 0,
  classes: [],
};

/** The 2-D loss surfaces: built in, nothing to load. */
export const surfaceData = defineDatasetKindData({
  kind: 'surface',
  inspect: async () => listed,
  list: async () => listed,
});
