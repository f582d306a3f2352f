import { spawn } from 'node:child_process';
import type { ClusterProfile } from '../../shared/cluster/clusterProfile.js';
import { shellQuote } from '../../shared/cluster/sbatchScript.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the scheduler's commands where a profile says: on this machine, or on its login node over
 * ssh (key-based, `BatchMode`: never a password prompt). Arguments are passed as words (quoted for
 * the remote shell over ssh), never as one line a value could break into.
 */
export interface ClusterShell {
  exec(argv: readonly string[], options?: { stdin?: string; timeoutMs?: number }): Promise<CommandResult>;
  /** Writes a file readable by its user only (task files hold run tokens). */
  writeFile(path: string, content: string): Promise<void>;
  /** Where the commands run, in words. */
  readonly where: string;
}

export function clusterShell(profile: ClusterProfile, env: NodeJS.ProcessEnv = process.env): ClusterShell {
  const submit = profile.submit;
  const run = (argv: readonly string[], options: { stdin?: string; timeoutMs?: number } = {}) =>
    submit.kind === 'local'
      ? spawnCommand(argv[0], argv.slice(1), options, env)
      : spawnCommand(
          'ssh',
          [
            '-o',
            'BatchMode=yes',
            '-o',
            'ConnectTimeout=10',
            ...(submit.identityFile ? ['-i', submit.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
            ...(submit.knownHostsFile ? ['-o', `UserKnownHostsFile=${submit.knownHostsFile}`] : []),
            ...(submit.port ? ['-p', String(submit.port)] : []),
            submit.user ? `${submit.user}@${submit.host}` : submit.host,
            '--',
            argv.map(shellQuote).join(' '),
          ],
          options,
          env,
        );
  return {
    where: submit.kind === 'local' ? 'this machine' : `${submit.user ? `${submit.user}@` : ''}${submit.host} (ssh)`,
    exec: run,
    async writeFile(path, content) {
      const result = await run(['sh', '-c', 'umask 077 && cat > "$1"', 'sh', path], { stdin: content });
      if (result.code !== 0) throw new Error(`could not write ${path}: ${commandError(result)}`);
    },
  };
}

/** What a failed command said, in one line. */
export function commandError(result: CommandResult): string {
  const text = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3).join(' ');
  return text || (result.code === null ? 'it did not finish' : `exit code ${result.code}`);
}

function spawnCommand(command: string, args: string[], options: { stdin?: string; timeoutMs?: number }, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000 });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => resolve({ code: null, stdout, stderr: `${stderr}${command}: ${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}
