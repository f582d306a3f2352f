import type { Command } from 'commander';
import { createAppServices } from '../../app/createAppServices.js';
import { globalOptions } from '../cliContext.js';
import { readTextFile } from '../../experiments/readJsonFile.js';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('load an exported experiment file into the database (new ids; a bad file changes nothing)')
    .argument('<file.json>', 'a file written by optlab export experiment')
    .option('--copy', 'import it even when the same file was imported before (as a copy)')
    .action(async (file: string, options: { copy?: boolean }, command: Command) => {
      const json = await readTextFile(file);
      const services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: 'optlab import' });
      try {
        const experiment = await services.experiments.importExperimentJson(json, false, options.copy ? 'copy' : 'ask');
        console.log(`imported experiment ${experiment.id} "${experiment.name}" with runs ${experiment.runIds.join(', ')}`);
      } finally {
        await services.close();
      }
    });
}
