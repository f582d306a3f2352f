import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';

/** An sshd of its own on 127.0.0.1 (Debian's openssh-server), taking one key of its own for root. */
export interface SshServer {
  port: number;
  /** The client's private key and a known-hosts file naming the server's host key. */
  identityFile: string;
  knownHostsFile: string;
  stop(): Promise<void>;
}

/** Why an sshd cannot start here (openssh-server missing, not root), or null when it can. */
export function sshUnavailable(): string | null {
  const missing = ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen'].filter((file) => !existsSync(file));
  if (missing.length > 0) return `OpenSSH is not installed (${missing.join(', ')} missing; apt-get install openssh-server openssh-client)`;
  if (process.getuid?.() !== 0) return 'the test sshd logs in as root (it runs as root, without systemd)';
  return null;
}

/**
 * Starts sshd in the foreground in `dir` on a free loopback port: a temporary host key, one
 * authorized client key, no passwords, and `env` set in every session (sshd's SetEnv; the Slurm
 * commands need SLURM_CONF). Resolves once it accepts connections.
 */
export async function startSshServer(dir: string, env: Record<string, string> = {}): Promise<SshServer> {
  mkdirSync(dir, { recursive: true });
  // sshd refuses to start without its privilege separation folder (systemd would make it).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = path.join(dir, 'host_ed25519');
  const identityFile = path.join(dir, 'client_ed25519');
  for (const key of [hostKey, identityFile]) {
    const made = spawnSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'optlab-test', '-f', key], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`ssh-keygen: ${made.stderr}`);
  }
  const authorizedKeys = path.join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${identityFile}.pub`), { mode: 0o600 });
  const port = await freePort();
  const knownHostsFile = path.join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}\n`);
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The test's folders are not root-only all the way up.
      'StrictModes no',
      ...(Object.keys(env).length > 0 ? [`SetEnv ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`] : []),
      '',
    ].join('\n'),
  );
  const log: string[] = [];
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const until = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`sshd did not start: ${log.join('').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, identityFile, knownHostsFile, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
