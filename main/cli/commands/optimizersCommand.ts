import type { Command } from 'commander';
import { optimizerCatalog, type OptimizerInfo } from '../../../shared/ml/optim/optimizerCatalog.js';

/** The text `optlab optimizers` prints for one optimizer: its type, title, reference and hyperparameters with defaults. */
export function describeOptimizer(info: OptimizerInfo): string {
  const lines = [`${info.type} — ${info.title}${info.adaptive ? '' : ' (no adaptive term: no ε histograms)'}`, `  ${info.description}`, `  reference: ${info.reference}`];
  for (const h of info.hyperparameters) {
    const value = h.defaultValue === undefined ? 'not set' : JSON.stringify(h.defaultValue);
    const choices = h.choices ? ` (one of ${h.choices.join(', ')})` : '';
    const when = h.relevantWhen ? ` [only when ${h.relevantWhen.key} is ${h.relevantWhen.values.join(' or ')}]` : '';
    lines.push(`  ${h.key} = ${value}${choices}: ${h.label}. ${h.help}${when}`);
  }
  return lines.join('\n');
}

/** `optlab optimizers [type]`: the optimizer types a run config's `optimizer.type` takes, with their hyperparameters. */
export function registerOptimizersCommand(program: Command): void {
  program
    .command('optimizers')
    .description('list the optimizer types of a run config, with their hyperparameters and defaults (or those of one type)')
    .argument('[type]', 'one optimizer type')
    .option('--json', 'print the catalog as JSON', false)
    .action((type: string | undefined, options: { json: boolean }) => {
      const infos = type === undefined ? optimizerCatalog : optimizerCatalog.filter((info) => info.type === type);
      if (infos.length === 0) throw new Error(`unknown optimizer type ${type}; one of ${optimizerCatalog.map((i) => i.type).join(', ')}`);
      console.log(options.json ? JSON.stringify(infos, null, 2) : infos.map(describeOptimizer).join('\n\n'));
    });
}
