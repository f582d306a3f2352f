import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseOrThrow } from '../../../shared/errors/inputError.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { backendChoiceSchema, backendChoices } from '../../../shared/training/backendChoice.js';
import { createAppServices, type AppServices } from '../../app/createAppServices.js';
import { DatabaseInUseError } from '../../store/databaseLock.js';
import { handRunToServer } from '../handRunToServer.js';
import { globalOptions } from '../cliContext.js';
import { followRun } from '../followRun.js';
import { appOrigin, registerReportedRun } from '../../reporting/registerReportedRun.js';
import { relayRun } from '../../reporting/relayRun.js';

/** Reads and validates a run config file; errors name the file and every bad field. */
export async function readRunConfigFile(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseOrThrow(runConfigSchema, json, `run config in ${file}`);
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('train one run from a config file, headless, into the database')
    .argument('<config.json>', 'run config (the same schema as the New Run form)')
    .option('--quiet', 'no progress bar')
    .option('--device <backend>', `the backend to train on, over the file's training.device: ${backendChoices.join(', ')}`)
    .option('--to-server', 'when `optlab serve` owns the database, queue the run there instead of refusing')
    .option('--report-to <url>', "train here and report to the app at this address (its database stays the app's; needs --token)")
    .option('--token <token>', 'with --report-to: the token `optlab serve` printed (default: $OPTLAB_TOKEN)')
    .action(async (file: string, options: { quiet?: boolean; device?: string; toServer?: boolean; reportTo?: string; token?: string }, command: Command) => {
      const config = await readRunConfigFile(file);
      if (options.device !== undefined) config.training.device = parseOrThrow(backendChoiceSchema, options.device, '--device');
      if (options.reportTo !== undefined) {
        const appToken = options.token ?? process.env.OPTLAB_TOKEN;
        if (!appToken) throw new Error('--report-to needs the app\'s token: --token <token> or $OPTLAB_TOKEN');
        const { runId, token, reportUrl } = await registerReportedRun(options.reportTo, appToken, config);
        console.error(`optlab: run ${runId} trains here and reports to ${appOrigin(options.reportTo)}`);
        const { dataDir } = globalOptions(command);
        process.exitCode = await relayRun({ url: reportUrl, token, mode: 'hand', start: { type: 'start', runId, config, dataDir } });
        return;
      }
      let services: AppServices;
      try {
        services = createAppServices({ ...globalOptions(command), mode: 'browser', recoverInterrupted: false, owner: 'optlab run' });
      } catch (error) {
        if (!(error instanceof DatabaseInUseError) || !error.owner?.url) throw error;
        if (!options.toServer) throw new Error(`${error.message} Or pass --to-server to queue this run in ${error.owner.program}.`, { cause: error });
        const run = await handRunToServer(error.owner, config);
        console.log(`run ${run.id} ${run.status} in ${error.owner.program} (pid ${error.owner.pid}): ${error.owner.url}#/runs/${run.id}`);
        return;
      }
      try {
        await followRun(services, () => services.handlers.createRun({ config }), options);
      } finally {
        await services.close();
      }
    });
}
