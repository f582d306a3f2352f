/**
 * CPU threads of a run (OpenBLAS's and the native loops' on the cpu + native backend): the run
 * config's `training.threads` when set, else this machine's cores shared evenly by the runs that
 * train at once (at least one each).
 */
export function runThreads(configured: number | undefined, cores: number, runsAtOnce: number): number {
  if (configured !== undefined) return configured;
  return Math.max(1, Math.floor(Math.max(1, cores) / Math.max(1, runsAtOnce)));
}
