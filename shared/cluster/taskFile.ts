import { z } from 'zod';
import { runConfigSchema } from '../config/runConfig.js';

/**
 * What one array task needs to train its run: written by the app into the job folder on the shared
 * storage (readable by its user only), read by `optlab task <file>` on the node.
 */
export const clusterTaskSchema = z.strictObject({
  runId: z.number().int().positive(),
  /** The app's address as the nodes reach it. */
  reportUrl: z.string().url(),
  /** The run's own token: it can append to this run and nothing else, and stops working when the run ends. */
  token: z.string().min(20),
  config: runConfigSchema,
  dataDir: z.string(),
  checkpointDir: z.string(),
  resume: z.strictObject({ path: z.string(), epoch: z.number().int().min(1) }).optional(),
});
export type ClusterTask = z.infer<typeof clusterTaskSchema>;
