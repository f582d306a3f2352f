/**
 * Reads `read` every 250 ms until `ok` accepts its value, and returns that value; after `timeoutMs`
 * it throws, naming `what` and the last value read.
 */
export async function pollUntil<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 600)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
