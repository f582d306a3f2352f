import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lrScheduleConfigSchema, type LrScheduleConfigInput } from '../../../../../../shared/config/optimizerConfig.js';
import { learningRateFactor } from '../../../../../../shared/ml/optim/schedules/learningRateFactor.js';

function factor(input: LrScheduleConfigInput, epoch: number, step = (epoch - 1) * 10, stepsPerEpoch = 10, totalEpochs = 200): number {
  return learningRateFactor(lrScheduleConfigSchema.parse(input), { epoch, step, stepsPerEpoch, totalEpochs });
}

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

describe('learning-rate schedules', () => {
  it('constant is 1', () => {
    assert.equal(factor({ type: 'constant' }, 57), 1);
  });

  it('step: ×γ every stepSize epochs, as torch StepLR stepped per epoch', () => {
    const s = { type: 'step', stepSize: 30, gamma: 0.1 } as const;
    close(factor(s, 1), 1);
    close(factor(s, 30), 1);
    close(factor(s, 31), 0.1);
    close(factor(s, 61), 0.01);
  });

  it('multistep: seed 003 ×0.1 at epoch 100 applies from epoch 101 on', () => {
    const s: LrScheduleConfigInput = { type: 'multistep', milestones: [100, 150] };
    close(factor(s, 100), 1);
    close(factor(s, 101), 0.1);
    close(factor(s, 151), 0.01);
  });

  it('cosine: 1 at the start, halfway at the middle, minFactor at the end', () => {
    const s = { type: 'cosine', minFactor: 0.1 } as const;
    close(factor(s, 1, 0), 1);
    close(factor(s, 101, 1000), 0.55);
    close(factor(s, 200, 2000), 0.1);
  });

  it('warmup: linear over warmupSteps, then constant or cosine', () => {
    const s = { type: 'warmup', warmupSteps: 4 } as const;
    close(factor(s, 1, 0), 0.25);
    close(factor(s, 1, 3), 1);
    close(factor(s, 3, 25), 1);
    const c = { type: 'warmup', warmupSteps: 10, startFactor: 0.5, after: 'cosine' } as const;
    close(factor(c, 1, 0, 10, 2), 0.55);
    close(factor(c, 2, 10, 10, 2), 1);
    close(factor(c, 2, 15, 10, 2), 0.5);
  });

  it('the schema refuses bad values, naming the field', () => {
    const bad = lrScheduleConfigSchema.safeParse({ type: 'step', stepSize: 0 });
    assert.ok(!bad.success && bad.error.issues[0].path.join('.') === 'stepSize');
    const gamma = lrScheduleConfigSchema.safeParse({ type: 'multistep', milestones: [10], gamma: -1 });
    assert.ok(!gamma.success && gamma.error.issues[0].message === 'Invalid gamma: -1 (must be > 0)');
    assert.ok(!lrScheduleConfigSchema.safeParse({ type: 'cosine', minFactor: 2 }).success);
  });
});
