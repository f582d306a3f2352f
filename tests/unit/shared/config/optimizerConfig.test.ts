import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optimizerConfigSchema, optimizerConfigWarnings, optimizerTypes } from '../../../../shared/config/optimizerConfig.js';
import { explainIssues } from '../../../../shared/config/unknownFields.js';

function issues(input: unknown): { path: string; message: string }[] {
  const result = optimizerConfigSchema.safeParse(input);
  assert.ok(!result.success, `expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('optimizer hyperparameter validation', () => {
  it('fills PyTorch defaults for every type', () => {
    for (const type of optimizerTypes) {
      if (type === 'mixer' || type === 'fusion') continue;
      const parsed = optimizerConfigSchema.parse({ type });
      assert.equal(parsed.type, type);
    }
    assert.deepEqual(optimizerConfigSchema.parse({ type: 'adam' }), { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false });
    const adamw = optimizerConfigSchema.parse({ type: 'adamw' });
    assert.equal(adamw.type === 'adamw' && adamw.weightDecay, 0.01);
  });

  it('refuses a negative or zero learning rate, naming the field and value', () => {
    assert.deepEqual(issues({ type: 'sgd', lr: -0.1 }), [{ path: 'lr', message: 'Invalid learning rate: -0.1' }]);
    assert.deepEqual(issues({ type: 'madgrad', lr: 0 }), [{ path: 'lr', message: 'Invalid learning rate: 0' }]);
    assert.deepEqual(issues({ type: 'mas', lrAdam: -1 }), [{ path: 'lrAdam', message: 'Invalid learning rate: -1' }]);
  });

  it('refuses β outside [0, 1) in PyTorch words', () => {
    assert.deepEqual(issues({ type: 'adam', beta1: 1 }), [{ path: 'beta1', message: 'Invalid beta parameter at index 0: 1 (must be in [0, 1))' }]);
    assert.deepEqual(issues({ type: 'radam', beta2: 1.2 }), [{ path: 'beta2', message: 'Invalid beta parameter at index 1: 1.2 (must be in [0, 1))' }]);
    assert.deepEqual(issues({ type: 'adamod', beta3: -0.1 }), [{ path: 'beta3', message: 'Invalid beta parameter at index 2: -0.1 (must be in [0, 1))' }]);
  });

  it('refuses negative ε, weight decay and momentum', () => {
    assert.deepEqual(issues({ type: 'adam', eps: -1e-8 }), [{ path: 'eps', message: 'Invalid epsilon value: -1e-8' }]);
    assert.deepEqual(issues({ type: 'sgd', weightDecay: -1 }), [{ path: 'weightDecay', message: 'Invalid weight_decay value: -1' }]);
    assert.deepEqual(issues({ type: 'rmsprop', momentum: -0.5 }), [{ path: 'momentum', message: 'Invalid momentum value: -0.5' }]);
    assert.equal(issues({ type: 'madgrad', momentum: 1 })[0].path, 'momentum');
  });

  it('refuses Nesterov without momentum or with dampening, for SGD and MAS', () => {
    assert.deepEqual(issues({ type: 'sgd', nesterov: true }), [{ path: 'nesterov', message: 'Nesterov momentum requires a momentum and zero dampening' }]);
    assert.equal(issues({ type: 'mas', nesterov: true, momentum: 0.9, dampening: 0.1 })[0].path, 'nesterov');
  });

  it('refuses λ outside [0, 1] and a mixer schedule of the wrong length', () => {
    assert.deepEqual(issues({ type: 'mas', lambdaAdam: 1.5 }), [{ path: 'lambdaAdam', message: 'Invalid λa (lambdaAdam): 1.5 (must be in [0, 1])' }]);
    assert.equal(issues({ type: 'mas', lambdaSgd: -0.1 })[0].path, 'lambdaSgd');
    assert.equal(issues({ type: 'mas', variant: 'vector-combination', adamFraction: 2 })[0].path, 'adamFraction');
    assert.equal(issues({ type: 'mas', variant: 'linear', gamma: 0 })[0].path, 'gamma');
    assert.equal(issues({ type: 'mixer', parts: [{ weight: 2, optimizer: { type: 'sgd' } }] })[0].path, 'parts.0.weight');
    assert.deepEqual(issues({ type: 'mixer', parts: [{ weight: 1, optimizer: { type: 'sgd' } }], weightSchedule: { endWeights: [0, 1], steps: 5 } }), [
      { path: 'weightSchedule.endWeights', message: 'weightSchedule.endWeights needs one weight per optimizer' },
    ]);
    assert.equal(issues({ type: 'mixer', parts: [{ weight: 1, optimizer: { type: 'adam', beta1: 1 } }] })[0].path, 'parts.0.optimizer.beta1');
  });

  it('refuses unknown types and mixers of mixers', () => {
    assert.ok(issues({ type: 'lamb' }).length > 0);
    assert.ok(issues({ type: 'mixer', parts: [{ weight: 1, optimizer: { type: 'mixer', parts: [] } }] }).length > 0);
  });

  it('refuses unknown fields at every level of the optimizer config, naming the field meant', () => {
    const explained = (input: unknown) => {
      const result = optimizerConfigSchema.safeParse(input);
      assert.ok(!result.success, `expected ${JSON.stringify(input)} to be refused`);
      return explainIssues(result.error, optimizerConfigSchema, input).map((i) => `${i.path} | ${i.message}`);
    };
    assert.deepEqual(explained({ type: 'sgd', lrr: 0.1 }), ['lrr | lrr is not a field of the config (sgd); did you mean lr?']);
    assert.deepEqual(explained({ type: 'mixer', parts: [{ weight: 1, optimizer: { type: 'adam', beta_1: 0.8 } }] }), [
      'parts.0.optimizer.beta_1 | parts.0.optimizer.beta_1 is not a field of parts.0.optimizer (adam); did you mean beta1?',
    ]);
    assert.equal(explained({ type: 'fusion', groups: [{ blocks: [0, 1], optimizer: { type: 'sgd' }, weight: 1 }] })[0].split(' | ')[0], 'groups.0.weight');
    assert.equal(explained({ type: 'mas', lambdaSchedule: { lambdaAdamEnd: 1, lambdaSgdEnd: 0, steps: 5, shap: 'cosine' } })[0].split(' | ')[0], 'lambdaSchedule.shap');
  });

  it('warns (without refusing) when λa + λs ≠ 1 or mixer weights do not sum to 1', () => {
    assert.deepEqual(optimizerConfigWarnings(optimizerConfigSchema.parse({ type: 'mas' })), []);
    assert.deepEqual(optimizerConfigWarnings(optimizerConfigSchema.parse({ type: 'mas', lambdaAdam: 0.8, lambdaSgd: 0.6 })), [
      { path: 'optimizer', message: 'λa + λs = 1.4; the MAS paper keeps it at 1' },
    ]);
    const fusion = optimizerConfigSchema.parse({ type: 'fusion', groups: [{ blocks: [0, 0], optimizer: { type: 'mixer', parts: [{ weight: 0.5, optimizer: { type: 'sgd' } }] } }] });
    assert.deepEqual(optimizerConfigWarnings(fusion), [{ path: 'optimizer.groups.0.optimizer', message: 'mixer weights sum to 0.5, not 1' }]);
  });
});
