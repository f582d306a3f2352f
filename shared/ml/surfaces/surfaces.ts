import type { SurfaceName } from '../../config/datasetConfig.js';
import { absRidge } from './absRidge.js';
import { beale } from './beale.js';
import { himmelblau } from './himmelblau.js';
import { productFit } from './productFit.js';
import { quadraticBowl } from './quadraticBowl.js';
import { rosenbrock } from './rosenbrock.js';
import { rosenbrockEq29 } from './rosenbrockEq29.js';
import type { Surface } from './surface.js';

/** Every surface this module defines, by name. */
export const allSurfaces = {
  rosenbrock,
  'abs-ridge': absRidge,
  'rosenbrock-eq29': rosenbrockEq29,
  'product-fit': productFit,
  beale,
  himmelblau,
  'quadratic-bowl': quadraticBowl,
} as const satisfies Record<string, Surface>;

/** The surfaces a run config can name (`datasetConfig.surfaceNames`), by that name. */
export const surfaces: Record<SurfaceName, Surface> = allSurfaces;
