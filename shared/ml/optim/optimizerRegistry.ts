import type { OptimizerDefinition } from './optimizerDefinition.js';
import { adabelief } from './optimizers/adabelief.js';
import { adagrad } from './optimizers/adagrad.js';
import { adam } from './optimizers/adam.js';
import { adamax } from './optimizers/adamax.js';
import { adamod } from './optimizers/adamod.js';
import { adamomentum } from './optimizers/adamomentum.js';
import { adamw } from './optimizers/adamw.js';
import { diffgrad } from './optimizers/diffgrad.js';
import { eadam } from './optimizers/eadam.js';
import { lion } from './optimizers/lion.js';
import { madgrad } from './optimizers/madgrad.js';
import { mas } from './optimizers/mas.js';
import { nadam } from './optimizers/nadam.js';
import { radam } from './optimizers/radam.js';
import { rmsprop } from './optimizers/rmsprop.js';
import { sgd } from './optimizers/sgd.js';
import { swats } from './optimizers/swats.js';

/**
 * Every optimizer that acts on a parameter alone, in menu order: one line per definition of
 * `optimizers/`. The config unions, `createUpdateRule`, the catalog, the adaptive question and the
 * forms are derived from this list (mixers and fusion plans are built from its entries).
 */
export const optimizerDefinitions = [sgd, adam, mas, adamw, radam, nadam, rmsprop, adagrad, adabelief, adamomentum, eadam, diffgrad, adamod, madgrad, swats, adamax, lion] as const;

export type SingleOptimizerType = (typeof optimizerDefinitions)[number]['schema']['shape']['type']['value'];

const byType = new Map<string, OptimizerDefinition>(optimizerDefinitions.map((d) => [d.schema.shape.type.value, d as unknown as OptimizerDefinition]));

/** The definition of a single optimizer type; throws for a type the registry does not list. */
export function optimizerDefinition(type: string): OptimizerDefinition {
  const definition = byType.get(type);
  if (!definition) throw new Error(`no optimizer definition for ${type}`);
  return definition;
}
