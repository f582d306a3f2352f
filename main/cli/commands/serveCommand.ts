import type { Command } from 'commander';
import { startServer } from '../../server/startServer.js';
import { globalOptions, parseIntegerOption, parsePositiveIntegerOption } from '../cliContext.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app in a browser (browser mode) on a loopback address')
    .option('--port <port>', 'port (0 = any free port)', parseIntegerOption, 0)
    .option('--host <host>', 'address to bind: loopback, or any with --tls-cert/--tls-key (then other machines may only report runs)', '127.0.0.1')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM)')
    .option('--cluster-poll <seconds>', 'how often Slurm is asked about live tasks', parsePositiveIntegerOption, 10)
    .action(async (options: { port: number; host: string; tlsCert?: string; tlsKey?: string; clusterPoll: number }, command: Command) => {
      if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) throw new Error('--tls-cert and --tls-key go together');
      const tls = options.tlsCert && options.tlsKey ? { certFile: options.tlsCert, keyFile: options.tlsKey } : undefined;
      const server = await startServer({ ...globalOptions(command), host: options.host, port: options.port, tls, clusterPollMs: options.clusterPoll * 1000 });
      console.log(`Optimizer Lab is running in browser mode: ${server.url}`);
      console.log(`Database: ${server.dbPath}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
