import type { LrScheduleConfig } from '../../../config/optimizerConfig.js';

/** Where training is when a step is about to be taken. */
export interface TrainingPosition {
  /** 1-based epoch being trained. */
  epoch: number;
  /** 0-based global optimizer step (the number of steps already taken). */
  step: number;
  stepsPerEpoch: number;
  totalEpochs: number;
}

function cosine(progress: number, minFactor: number): number {
  const r = Math.min(1, Math.max(0, progress));
  return minFactor + ((1 - minFactor) * (1 + Math.cos(Math.PI * r))) / 2;
}

/**
 * The factor on every base learning rate for the step at `position` (the training loop passes it to
 * `Optimizer.setLearningRateFactor` before each step). Epoch-based schedules change between epochs
 * as torch's schedulers stepped once per epoch do: StepLR gives γ^⌊(e−1)/stepSize⌋ in epoch e,
 * MultiStepLR multiplies by γ from the epoch after each milestone (milestone 100: epochs ≥ 101).
 * Cosine anneals over all steps (torch CosineAnnealingLR with T_max = all steps, η_min = min·η).
 * Warmup rises linearly to 1 over its first steps (step 0 already takes start + (1 − start)/n), then
 * stays at 1 or anneals by cosine over the remaining steps.
 */
export function learningRateFactor(schedule: LrScheduleConfig, position: TrainingPosition): number {
  const totalSteps = Math.max(1, position.stepsPerEpoch * position.totalEpochs);
  switch (schedule.type) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.gamma ** Math.floor((position.epoch - 1) / schedule.stepSize);
    case 'multistep': {
      const passed = schedule.milestones.filter((m) => m <= position.epoch - 1).length;
      return schedule.gamma ** passed;
    }
    case 'cosine':
      return cosine(position.step / totalSteps, schedule.minFactor);
    case 'warmup': {
      if (position.step < schedule.warmupSteps) {
        return schedule.startFactor + ((1 - schedule.startFactor) * (position.step + 1)) / schedule.warmupSteps;
      }
      if (schedule.after === 'constant') return 1;
      const rest = Math.max(1, totalSteps - schedule.warmupSteps);
      return cosine((position.step - schedule.warmupSteps) / rest, schedule.minFactor);
    }
  }
}
