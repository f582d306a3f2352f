import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const bin = fileURLToPath(new URL('../../bin/optlab.mjs', import.meta.url));
const execFileAsync = promisify(execFile);

/** How an `optlab` command ended: its exit code and everything it printed. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `optlab` command (`bin/optlab.mjs` in a Node process) with `args` and resolves with how it
 * ended, success or not. `OPTLAB_DB` is unset (tests pass `--db`); `OPTLAB_DATA_DIR` is `dataDir` when given,
 * unset otherwise.
 */
export async function optlab(args: string[], { dataDir = '' }: { dataDir?: string } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { env: { ...process.env, OPTLAB_DB: '', OPTLAB_DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
