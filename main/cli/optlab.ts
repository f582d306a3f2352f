/**
 * The `optlab` command line: headless training into the same database, run listing, browser mode.
 * Composition root of the CLI: each command creates the services it needs from its options.
 */
import { Command } from 'commander';
import { apiErrorOf } from '../app/apiErrorOf.js';
import { registerRunCommand } from './commands/runCommand.js';
import { registerRunsCommand } from './commands/runsCommand.js';
import { registerServeCommand } from './commands/serveCommand.js';
import { registerExperimentCommand } from './commands/experimentCommand.js';
import { registerExportCommand } from './commands/exportCommand.js';
import { registerImportCommand } from './commands/importCommand.js';
import { registerSurfaceCommand } from './commands/surfaceCommand.js';
import { registerResumeCommand } from './commands/resumeCommand.js';
import { backendChoiceFromEnv } from '../../shared/training/backendChoice.js';
import { registerOptimizersCommand } from './commands/optimizersCommand.js';
import { registerTaskCommand } from './commands/taskCommand.js';

const program = new Command()
  .name('optlab')
  .description('Optimizer Lab: train, track and compare optimizers')
  .showHelpAfterError()
  .option('--db <path>', 'SQLite database file (default: $OPTLAB_DB or ~/.optlab/optlab.db)')
  .option('--data-dir <path>', 'datasets folder (default: $OPTLAB_DATA_DIR or ~/.optlab/data)');

registerRunCommand(program);
registerRunsCommand(program);
registerServeCommand(program);
registerExperimentCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerSurfaceCommand(program);
registerResumeCommand(program);
registerOptimizersCommand(program);
registerTaskCommand(program);

// An unknown OPTLAB_BACKEND is refused before anything runs (it would otherwise fail every run).
program.hook('preAction', () => void backendChoiceFromEnv(process.env.OPTLAB_BACKEND));

program.parseAsync(process.argv).catch((caught: unknown) => {
  const error = apiErrorOf(caught);
  if (error.issues.length > 0) {
    console.error(`optlab: ${error.message.split(':')[0]}:`);
    for (const issue of error.issues) console.error(`  ${issue.path || '(config)'}: ${issue.message}`);
  } else {
    console.error(`optlab: ${error.message}`);
  }
  process.exit(1);
});
