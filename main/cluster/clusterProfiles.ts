import { ApiError } from '../../shared/api/apiError.js';
import { parseOrThrow } from '../../shared/errors/inputError.js';
import { clusterProfileSchema, type ClusterCheckItem, type ClusterProfile, type ClusterSettingsView } from '../../shared/cluster/clusterProfile.js';
import { reportPaths } from '../../shared/training/reportProtocol.js';
import { commandError, type ClusterShell } from './clusterShell.js';
import { readClusterSettings, writeClusterSettings } from './clusterSettings.js';

/**
 * The cluster profiles of the settings (stored validated beside the database) and the connection
 * check, which tries each thing a submission needs and says what works.
 */
export class ClusterProfiles {
  private profiles: ClusterProfile[];
  private problem: string | undefined;

  constructor(
    private readonly file: string,
    private readonly shell: (profile: ClusterProfile) => ClusterShell,
  ) {
    const stored = readClusterSettings(file);
    this.profiles = stored.settings.profiles;
    this.problem = stored.problem;
  }

  get(name: string): ClusterProfile | undefined {
    return this.profiles.find((p) => p.name === name);
  }

  view(): ClusterSettingsView {
    return { profiles: this.profiles, settingsFile: this.file, ...(this.problem ? { problem: this.problem } : {}) };
  }

  /** Adds a profile, or replaces the one named `replaces` (or of the same name). */
  async save(input: unknown, replaces?: string): Promise<ClusterSettingsView> {
    this.refuseOverUnreadable();
    const profile = parseOrThrow(clusterProfileSchema, input, 'cluster profile');
    const others = this.profiles.filter((p) => p.name !== (replaces ?? profile.name));
    if (others.some((p) => p.name === profile.name)) throw new ApiError(`There is already a cluster profile ${profile.name}`, 'conflict');
    const index = this.profiles.findIndex((p) => p.name === (replaces ?? profile.name));
    const next = [...this.profiles];
    if (index >= 0) next[index] = profile;
    else next.push(profile);
    this.profiles = (await writeClusterSettings(this.file, { profiles: next })).profiles;
    return this.view();
  }

  async delete(name: string): Promise<ClusterSettingsView> {
    this.refuseOverUnreadable();
    if (!this.get(name)) throw new ApiError(`There is no cluster profile ${name}`, 'not-found');
    this.profiles = (await writeClusterSettings(this.file, { profiles: this.profiles.filter((p) => p.name !== name) })).profiles;
    return this.view();
  }

  /**
   * Tries, where the profile submits: the connection, `sbatch`, the scheduler's partitions (and the
   * profile's partition), the shared folder (writable), optlab after the set-up lines, and the app's
   * report address from there.
   */
  async check(input: unknown): Promise<ClusterCheckItem[]> {
    const profile = parseOrThrow(clusterProfileSchema, input, 'cluster profile');
    const shell = this.shell(profile);
    const items: ClusterCheckItem[] = [];
    const connection = await shell.exec(['true'], { timeoutMs: 20_000 });
    items.push({ name: 'Connection', ok: connection.code === 0, detail: connection.code === 0 ? `commands run on ${shell.where}` : commandError(connection) });
    if (connection.code !== 0) return items;
    const sbatch = await shell.exec(['sbatch', '--version']);
    items.push({ name: 'sbatch', ok: sbatch.code === 0, detail: sbatch.code === 0 ? sbatch.stdout.trim() : commandError(sbatch) });
    const sinfo = await shell.exec(['sinfo', '-h', '-o', '%P %a %D %T']);
    const partitions = sinfo.stdout.trim().split('\n').filter(Boolean);
    items.push({
      name: 'Scheduler',
      ok: sinfo.code === 0 && partitions.length > 0,
      detail: sinfo.code === 0 ? (partitions.length > 0 ? `partitions: ${partitions.join('; ')}` : 'no partitions') : commandError(sinfo),
    });
    const partition = profile.resources.partition;
    if (partition && sinfo.code === 0) {
      const known = partitions.some((line) => line.split(' ')[0].replace(/\*$/, '') === partition);
      items.push({ name: 'Partition', ok: known, detail: known ? `${partition} exists` : `${partition} is not one of the cluster's partitions` });
    }
    const folder = await shell.exec(['sh', '-c', 'mkdir -p "$1" && test -w "$1" && df -h "$1" | tail -1', 'sh', profile.sharedFolder]);
    items.push({ name: 'Shared folder', ok: folder.code === 0, detail: folder.code === 0 ? `${profile.sharedFolder} is writable (${folder.stdout.trim().replace(/\s+/g, ' ')})` : commandError(folder) });
    const optlab = await shell.exec(['bash', '-c', `${profile.setupLines.join('\n')}\n${profile.optlabCommand} task --help >/dev/null && node --version`]);
    items.push({ name: 'optlab', ok: optlab.code === 0, detail: optlab.code === 0 ? `${profile.optlabCommand} starts after the set-up lines (Node ${optlab.stdout.trim()})` : commandError(optlab) });
    const ping = `${profile.reportUrl.replace(/\/+$/, '')}${reportPaths.ping}`;
    const reach = await shell.exec(['sh', '-c', 'curl -fsS --max-time 10 "$1" || wget -q -T 10 -O- "$1"', 'sh', ping], { timeoutMs: 30_000 });
    items.push({ name: 'Report address', ok: reach.code === 0, detail: reach.code === 0 ? `${profile.reportUrl} answers from ${shell.where}` : `${ping}: ${commandError(reach)}` });
    return items;
  }

  private refuseOverUnreadable(): void {
    if (this.problem) throw new ApiError(`The stored cluster profiles cannot be read, so they are not overwritten: ${this.problem}`, 'conflict');
  }
}
