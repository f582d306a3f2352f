import { z } from 'zod';

/**
 * A cluster the app hands runs to: where `sbatch` runs (here, or over ssh on a login node), the folder
 * the nodes share, how the nodes start optlab and reach the app, the default resources of each run and
 * the set-up lines (modules, environment) every task runs first. Every field that ends up in a batch
 * script or a command line is checked here, so no value can add a line or a shell word of its own.
 */
const plainWord = (what: string) => z.string().trim().min(1).max(128).regex(/^[\w.@+-]+$/, { message: `${what} may hold letters, digits and . _ @ + - only` });
const oneLine = z.string().max(1000).refine((s) => !/[\r\n\0]/.test(s), { message: 'must be one line' });
/** A POSIX path on the cluster: absolute, no newline or quote (it is written into the batch script in single quotes). */
const clusterPath = z
  .string()
  .trim()
  .min(2)
  .max(1024)
  .refine((p) => p.startsWith('/'), { message: 'must be an absolute path (it is a path on the cluster)' })
  .refine((p) => !/['\r\n\0\\]/.test(p), { message: 'may not hold quotes, backslashes or newlines' });

/** A file on this machine, given to ssh (which splits its options at spaces and expands % and ~): absolute, no spaces, % or newlines. */
const localPath = z
  .string()
  .trim()
  .min(2)
  .max(1024)
  .refine((p) => p.startsWith('/'), { message: 'must be an absolute path (a file on this machine)' })
  .refine((p) => !/[\s%\0]/.test(p), { message: 'may not hold spaces, % or newlines' });

/** Slurm's memory syntax: a number with an optional unit (K, M, G, T), e.g. `4G`. */
const memory = z.string().trim().regex(/^\d+[KMGT]?$/i, { message: 'a size such as 4G or 500M' });
/** Slurm's time syntax: minutes, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`. */
const timeLimit = z
  .string()
  .trim()
  .regex(/^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+(:\d{2}(:\d{2})?)?)$/, { message: 'a Slurm time such as 90, 01:30:00 or 2-00:00:00' });

export const clusterResourcesSchema = z.strictObject({
  /** GPUs per run (`--gres=gpu:N`; 0 = none asked). */
  gpus: z.number().int().min(0).max(64).default(0),
  /** CPUs per run (`--cpus-per-task`). */
  cpus: z.number().int().min(1).max(1024).default(1),
  /** Memory per run (`--mem`). */
  memory: memory.default('4G'),
  /** Time limit per run (`--time`); a run stopped by it can resume from its last checkpoint. */
  timeLimit: timeLimit.default('01:00:00'),
  partition: plainWord('A partition').optional(),
  account: plainWord('An account').optional(),
});
export type ClusterResources = z.infer<typeof clusterResourcesSchema>;

/** Resources asked for one submission, over the profile's defaults. */
export const clusterResourceOverridesSchema = z.strictObject({
  gpus: z.number().int().min(0).max(64).optional(),
  cpus: z.number().int().min(1).max(1024).optional(),
  memory: memory.optional(),
  timeLimit: timeLimit.optional(),
  partition: plainWord('A partition').optional(),
  account: plainWord('An account').optional(),
});
export type ClusterResourceOverrides = z.infer<typeof clusterResourceOverridesSchema>;

export const clusterSubmitSchema = z.discriminatedUnion('kind', [
  /** `sbatch`, `squeue`, `scontrol` and `scancel` are on this machine's PATH. */
  z.strictObject({ kind: z.literal('local') }),
  /** They run on a login node through `ssh` (key-based: the app never asks for a password). */
  z.strictObject({
    kind: z.literal('ssh'),
    host: plainWord('A host'),
    user: plainWord('A user name').optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** The private key to log in with, on this machine (`ssh -i`; default: the ssh agent's and ~/.ssh's keys). */
    identityFile: localPath.optional(),
    /** The known-hosts file that holds the login node's host key (default: ~/.ssh/known_hosts). */
    knownHostsFile: localPath.optional(),
  }),
]);

export const clusterProfileNameSchema = plainWord('A profile name').max(64);

export const clusterProfileSchema = z.strictObject({
  name: clusterProfileNameSchema,
  submit: clusterSubmitSchema,
  /** A folder every node and the submit host see: job scripts, task files, logs and checkpoints go there. */
  sharedFolder: clusterPath,
  /** The data folder the nodes read datasets from (default: `<sharedFolder>/data`). */
  dataDir: clusterPath.optional(),
  /** How a node starts optlab, e.g. `optlab` or `node /shared/optlab/bin/optlab.mjs`. */
  optlabCommand: oneLine.pipe(z.string().trim().min(1)).default('optlab'),
  /** The app's address as the nodes reach it (through an ssh tunnel, or https with TLS). */
  reportUrl: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http:// or https:// URL' }),
  resources: clusterResourcesSchema.default({ gpus: 0, cpus: 1, memory: '4G', timeLimit: '01:00:00' }),
  /** Lines every task runs before optlab (`module load nodejs`, `export …`), as written. */
  setupLines: z.array(oneLine).max(100).default([]),
});
export type ClusterProfile = z.infer<typeof clusterProfileSchema>;
export type ClusterProfileInput = z.input<typeof clusterProfileSchema>;

/** The stored profiles (`<db file>.clusters.json`). */
export const clusterSettingsSchema = z.strictObject({
  profiles: z.array(clusterProfileSchema).max(100).default([]),
});
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

/** Where runs train: this machine (the default) or a cluster profile, with resources over its defaults. */
export const executionTargetSchema = z.strictObject({
  kind: z.literal('slurm'),
  profile: clusterProfileNameSchema,
  resources: clusterResourceOverridesSchema.optional(),
});
export type ExecutionTarget = z.infer<typeof executionTargetSchema>;

/** What the Clusters page shows: the stored profiles, the file, and why it could not be read (then nothing is used). */
export interface ClusterSettingsView {
  profiles: ClusterProfile[];
  settingsFile: string;
  problem?: string;
}

/** One line of a connection check: what was tried, whether it worked, what it said. */
export interface ClusterCheckItem {
  name: string;
  ok: boolean;
  detail: string;
}
