import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

/** A one-node Slurm cluster on this machine (munged, slurmctld, slurmd in the foreground, a config of its own). */
export interface SlurmCluster {
  /** The environment the Slurm commands need (`SLURM_CONF`). */
  env: Record<string, string>;
  /** Runs a Slurm command against this cluster and returns its output (throws on failure). */
  run(command: string, args: string[]): string;
  /** Cancels every job, stops the daemons and waits for them to exit. */
  stop(): Promise<void>;
}

const daemons = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch'];

/** Why a one-node cluster cannot start here (Slurm or munge missing, not root), or null when it can. */
export function slurmUnavailable(): string | null {
  const missing = daemons.filter((file) => !existsSync(file));
  if (missing.length > 0) return `Slurm is not installed (${missing.join(', ')} missing; apt-get install slurmctld slurmd slurm-client munge)`;
  if (process.getuid?.() !== 0) return 'a one-node Slurm cluster needs root (slurmd runs jobs as their users)';
  if (!existsSync('/etc/munge/munge.key')) return '/etc/munge/munge.key is missing (the munge package makes it)';
  return null;
}

/**
 * Starts the cluster in `dir`: munged as the munge user on /etc/munge/munge.key with its own socket,
 * then slurmctld and slurmd (SlurmUser root, proctrack/linuxproc, task/none, this host as the one
 * node with 8 CPUs), on free ports; resolves once the node is idle.
 */
export async function startSlurmCluster(dir: string): Promise<SlurmCluster> {
  for (const sub of ['state', 'spool', 'log']) mkdirSync(path.join(dir, sub), { recursive: true });
  // munged runs as the munge user: its folder must be reachable by it (a test's temp folder is not).
  const mungeDir = mkdtempSync(path.join(tmpdir(), 'optlab-munge-'));
  const munge = spawnSync('id', ['-u', 'munge'], { encoding: 'utf8' });
  const mungeUid = Number(munge.stdout.trim());
  chownSync(mungeDir, mungeUid, Number(spawnSync('id', ['-g', 'munge'], { encoding: 'utf8' }).stdout.trim()));
  chmodSync(mungeDir, 0o755);
  const socket = path.join(mungeDir, 'munge.sock');
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const node = hostname().split('.')[0];
  const conf = path.join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=optlabtest',
      `SlurmctldHost=${node}`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SchedulerType=sched/backfill',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU',
      'SlurmdParameters=config_overrides',
      `StateSaveLocation=${path.join(dir, 'state')}`,
      `SlurmdSpoolDir=${path.join(dir, 'spool')}`,
      `SlurmctldPidFile=${path.join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${path.join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${path.join(dir, 'log', 'slurmctld.log')}`,
      `SlurmdLogFile=${path.join(dir, 'log', 'slurmd.log')}`,
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'MpiDefault=none',
      'ReturnToService=2',
      'MinJobAge=600',
      'KillWait=5',
      'InactiveLimit=0',
      `NodeName=${node} CPUs=8 RealMemory=16000 State=UNKNOWN`,
      'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
      '',
    ].join('\n'),
  );
  const env = { SLURM_CONF: conf };
  const children: ChildProcess[] = [];
  const start = (command: string, args: string[], uid?: number) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'ignore', uid });
    children.push(child);
    return child;
  };
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error?.message}`);
    return result.stdout;
  };
  const stop = async () => {
    spawnSync('scancel', ['--user=root'], { env: { ...process.env, ...env }, timeout: 10_000 });
    // Give running tasks a moment to end (their steps are the daemons' children).
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(mungeDir, { recursive: true, force: true });
  };
  try {
    start('/usr/sbin/munged', ['-F', `--socket=${socket}`, `--pid-file=${path.join(mungeDir, 'munged.pid')}`, `--log-file=${path.join(mungeDir, 'munged.log')}`, `--seed-file=${path.join(mungeDir, 'munged.seed')}`, '--key-file=/etc/munge/munge.key'], mungeUid);
    await waitFor(() => existsSync(socket), 20_000, () => `munged did not create its socket: ${readText(path.join(mungeDir, 'munged.log'))}`);
    start('/usr/sbin/slurmctld', ['-D', '-f', conf]);
    start('/usr/sbin/slurmd', ['-D', '-f', conf]);
    await waitFor(
      () => {
        const result = spawnSync('sinfo', ['-h', '-o', '%t'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 10_000 });
        return result.status === 0 && result.stdout.trim() === 'idle';
      },
      60_000,
      () => `the Slurm node did not become idle: ${readText(path.join(dir, 'log', 'slurmctld.log'))} ${readText(path.join(dir, 'log', 'slurmd.log'))}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, run, stop };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-5).join('\n');
  } catch {
    return `(no ${path.basename(file)})`;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
