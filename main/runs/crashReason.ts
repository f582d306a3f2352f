/** What was known about the machine when the process ended. */
export interface CrashContext {
  /** Free memory was low (under a tenth of the machine's) when the process ended. */
  memoryLow?: boolean;
}

/**
 * Why a process that ended without a final message failed its run, in words a user can act on. A
 * SIGKILL is blamed on memory only when memory was low; otherwise something outside the app killed it.
 */
export function crashReason(code: number | null, signal: string | null, diagnostics: string, context: CrashContext = {}): string {
  const outOfMemory = /heap out of memory|allocation failed/i.test(diagnostics);
  let reason =
    signal !== null
      ? `The training process was killed by ${signal} before the run finished`
      : code !== null
        ? `The training process exited with code ${code} before the run finished`
        : 'The training process could not be started';
  if (outOfMemory) reason += ': it ran out of memory (raise the memory limit for training processes in the settings)';
  else if (signal === 'SIGKILL') {
    reason += context.memoryLow
      ? ' (the machine was low on memory: the system may have ended it to free some)'
      : ' (by another program or a user: memory was not low when it ended)';
  }
  const summary = summarizeDiagnostics(diagnostics);
  return summary ? `${reason}.\n${summary}` : `${reason}.`;
}

/** The telling part of what a crashed process wrote: V8's fatal error, else the last error with its first frames, else the last lines. */
export function summarizeDiagnostics(diagnostics: string): string {
  const lines = diagnostics.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  const fatal = lines.find((line) => line.includes('FATAL ERROR'));
  if (fatal) return fatal.trim();
  const errorAt = lines.findLastIndex((line) => /^\s*(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)\b/.test(line));
  if (errorAt >= 0) return lines.slice(errorAt, errorAt + 3).join('\n');
  return lines.slice(-5).join('\n');
}
