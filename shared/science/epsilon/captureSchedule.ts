import { z } from 'zod';

/**
 * When the training process captures ε histograms. By default at the last step of epoch 1 (the
 * capture Algorithm 2 reads) and at the end of every epoch; `epochs` lists extra epochs to capture at
 * their end, `everyEpochs` thins the per-epoch captures (epoch 1 is always captured), `everySteps`
 * adds captures every N optimizer steps. `enabled: false` turns capturing off.
 */
export const epsilonCaptureScheduleSchema = z
  .object({
    enabled: z.boolean().default(true),
    everyEpochs: z.number().int().min(0, { error: 'everyEpochs must be >= 0 (0: only the listed epochs)' }).max(10_000).default(1),
    epochs: z.array(z.number().int().min(1)).max(10_000).default([]),
    everySteps: z.number().int().min(1, { error: 'everySteps must be >= 1' }).max(100_000_000).optional(),
  })
  .strict();
export type EpsilonCaptureSchedule = z.infer<typeof epsilonCaptureScheduleSchema>;
export type EpsilonCaptureScheduleInput = z.input<typeof epsilonCaptureScheduleSchema>;

export const defaultEpsilonCaptureSchedule: EpsilonCaptureSchedule = epsilonCaptureScheduleSchema.parse({});

/** Where the loop is, right after an optimizer step. `step` is the global 1-based step. */
export interface StepPosition {
  epoch: number;
  step: number;
  /** True at the last step of the epoch. */
  endOfEpoch: boolean;
}

/** Whether to capture after this step. */
export function shouldCapture(schedule: EpsilonCaptureSchedule | undefined, at: StepPosition): boolean {
  const s = schedule ?? defaultEpsilonCaptureSchedule;
  if (!s.enabled) return false;
  if (s.everySteps !== undefined && at.step % s.everySteps === 0) return true;
  if (!at.endOfEpoch) return false;
  if (at.epoch === 1) return true;
  if (s.everyEpochs > 0 && at.epoch % s.everyEpochs === 0) return true;
  return s.epochs.includes(at.epoch);
}
