import type { SurfaceName } from '../../config/datasetConfig.js';
import { absRidge } from './absRidge.js';
import { rosenbrock } from './rosenbrock.js';
import type { Surface } from './surface.js';

/** Every surface by its config name. */
export const surfaces: Record<SurfaceName, Surface> = {
  rosenbrock,
  'abs-ridge': absRidge,
};
