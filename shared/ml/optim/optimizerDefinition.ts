import type { z } from 'zod';
import type { AdaptiveTermOf } from './adaptiveTerm.js';
import type { UpdateRule } from './updateRule.js';

/** The config schema of one optimizer: a strict object with a literal `type` (see `optimizerSchema`). */
export type OptimizerSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * Everything the code knows about one optimizer, in one file: its config schema (hyperparameters with
 * their form text as metadata), its title, description and reference, its update rule, and its
 * adaptive term ẑ when it has one. The registry (`optimizerRegistry.ts`) lists the definitions; the
 * config unions, `createUpdateRule`, the catalog, the adaptive question and the forms are derived
 * from it.
 */
export interface OptimizerDefinition<Schema extends OptimizerSchema = OptimizerSchema> {
  schema: Schema;
  title: string;
  /** One line for the menus. */
  description: string;
  /** Where the algorithm comes from (paper; the PyTorch class it matches). */
  reference: string;
  createRule(config: z.output<Schema>): UpdateRule;
  /**
   * ẑ of seed 003's Table 5 from the rule's (unprefixed) state; absent for the optimizers without an
   * adaptive term (SGD, Lion), whose runs have no ε histograms.
   */
  adaptiveTerm?(config: z.output<Schema>): AdaptiveTermOf;
}

/** Checks a definition's types and keeps its schema's exact type (for the config unions). */
export function defineOptimizer<Schema extends OptimizerSchema>(definition: OptimizerDefinition<Schema>): OptimizerDefinition<Schema> {
  return definition;
}
