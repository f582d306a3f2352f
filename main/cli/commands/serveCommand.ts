import type { Command } from 'commander';
import { startServer } from '../../server/startServer.js';
import { globalOptions, parseIntegerOption } from '../cliContext.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app in a browser (browser mode) on a loopback address')
    .option('--port <port>', 'port (0 = any free port)', parseIntegerOption, 0)
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .action(async (options: { port: number; host: string }, command: Command) => {
      const server = await startServer({ ...globalOptions(command), host: options.host, port: options.port });
      console.log(`Optimizer Lab is running in browser mode: ${server.url}`);
      console.log(`Database: ${server.dbPath}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
