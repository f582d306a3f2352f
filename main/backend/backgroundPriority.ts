/**
 * The processes that work in the background (a training process, the backend probe) run below the
 * app's priority (5 nice values below the app on Linux and macOS, which a child starts at; on Windows
 * that maps to "normal", unchanged): when they take every core, the main process (storing metrics,
 * answering the UI) and the page still get the CPU they ask for, and these take whatever is left.
 * Imported first by their entry points, so every thread the process starts afterwards (OpenBLAS, the
 * native kernels' pool) inherits it.
 */
import os from 'node:os';

/** How many nice values below the app a background process runs (19 is the lowest there is). */
export const backgroundNice = 5;

try {
  os.setPriority(Math.min(19, os.getPriority() + backgroundNice));
} catch {
  // Not permitted here (a sandbox): the process keeps the priority it was given.
}
