/**
 * A training process runs below the app's priority (5 nice values below the app on Linux and macOS,
 * which a child starts at; on Windows that maps to "normal", unchanged): when training takes every core, the main process (storing metrics,
 * answering the UI) still gets the CPU it asks for, and training takes whatever is left. Imported
 * first by the entry point, so every thread the process starts afterwards (OpenBLAS, the native
 * kernels' pool) inherits it.
 */
import os from 'node:os';

/** How many nice values below the app a training process runs (19 is the lowest there is). */
export const trainingNice = 5;

try {
  os.setPriority(Math.min(19, os.getPriority() + trainingNice));
} catch {
  // Not permitted here (a sandbox): the process keeps the priority it was given.
}
