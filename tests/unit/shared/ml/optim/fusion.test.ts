import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { fusionConfigSchema, optimizerConfigSchema, type FusionConfig, type OptimizerConfigInput } from '../../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import { optimizerIssuesForBlocks, validateFusionPlan } from '../../../../../shared/ml/optim/fusion/fusionPlan.js';
import { assertClose } from './goldenHarness.js';
import { blockParams, cloneParams, disposeParams, runSteps } from './testParams.js';

const blocks = ['input', 'hidden1', 'hidden2', 'output'];

function plan(groups: unknown[]): FusionConfig {
  return fusionConfigSchema.parse({ type: 'fusion', groups });
}

describe('layer-wise fusion', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('accepts a plan that covers every block once (ranges and names)', () => {
    assert.deepEqual(validateFusionPlan(plan([{ blocks: [0, 2], optimizer: { type: 'adam' } }, { blocks: ['output'], optimizer: { type: 'sgd' } }]), blocks), []);
  });

  it('refuses blocks left without an optimizer', () => {
    const issues = validateFusionPlan(plan([{ blocks: [0, 1], optimizer: { type: 'adam' } }]), blocks);
    assert.deepEqual(issues, [{ path: 'groups', message: 'blocks hidden2, output have no optimizer' }]);
  });

  it('refuses a block assigned twice, naming the group that has it', () => {
    const issues = validateFusionPlan(
      plan([
        { blocks: [0, 2], optimizer: { type: 'adam' } },
        { blocks: ['hidden2', 'output'], optimizer: { type: 'sgd' } },
      ]),
      blocks,
    );
    assert.deepEqual(issues, [{ path: 'groups.1.blocks', message: 'block hidden2 already has an optimizer (group 0)' }]);
  });

  it('reports issues with run-config paths, and none for other optimizers', () => {
    const fusion = optimizerConfigSchema.parse({ type: 'fusion', groups: [{ blocks: [0, 2], optimizer: { type: 'adam' } }] });
    assert.deepEqual(optimizerIssuesForBlocks(fusion, blocks), [{ path: 'optimizer.groups', message: 'block output has no optimizer' }]);
    assert.deepEqual(optimizerIssuesForBlocks(optimizerConfigSchema.parse({ type: 'mas' }), blocks), []);
  });

  it('refuses ranges past the last block and unknown block names', () => {
    const issues = validateFusionPlan(plan([{ blocks: [0, 4], optimizer: { type: 'adam' } }, { blocks: ['head'], optimizer: { type: 'sgd' } }]), blocks);
    assert.equal(issues[0].path, 'groups.0.blocks');
    assert.match(issues[0].message, /past the last block \(3: output\)/);
    assert.equal(issues[1].path, 'groups.1.blocks');
    assert.match(issues[1].message, /unknown block head/);
  });

  it('the zod shape check refuses an empty plan, a reversed range and a bad group optimizer', () => {
    const empty = fusionConfigSchema.safeParse({ type: 'fusion', groups: [] });
    assert.ok(!empty.success && empty.error.issues.some((i) => /at least one group/.test(i.message)));
    const reversed = fusionConfigSchema.safeParse({ type: 'fusion', groups: [{ blocks: [2, 1], optimizer: { type: 'sgd' } }] });
    assert.ok(!reversed.success && reversed.error.issues.some((i) => /from <= to/.test(i.message)));
    const badLr = optimizerConfigSchema.safeParse({ type: 'fusion', groups: [{ blocks: [0, 3], optimizer: { type: 'adam', lr: -1 } }] });
    assert.ok(!badLr.success);
    assert.ok(badLr.error.issues.some((i) => i.path.join('.') === 'groups.0.optimizer.lr' || /Invalid learning rate: -1/.test(i.message)));
  });

  it('createOptimizer refuses an unsound plan with the issues in the message', () => {
    const params = blockParams(blocks);
    assert.throws(() => createOptimizer(plan([{ blocks: [0, 1], optimizer: { type: 'adam' } }]), params, blocks), /Invalid fusion plan: groups: blocks hidden2, output have no optimizer/);
    disposeParams(params);
  });

  it('each group moves exactly as its optimizer alone would move it', () => {
    const groups: { blocks: [number, number]; optimizer: OptimizerConfigInput }[] = [
      { blocks: [0, 1], optimizer: { type: 'adam', lr: 1e-3 } },
      { blocks: [2, 2], optimizer: { type: 'mas', lr: 0.01, momentum: 0.9 } },
      { blocks: [3, 3], optimizer: { type: 'sgd', lr: 1e-2, momentum: 0.9 } },
    ];
    const params = blockParams(blocks);
    const alone = cloneParams(params);
    const fusion = createOptimizer(optimizerConfigSchema.parse({ type: 'fusion', groups }), params, blocks);
    fusion.setLearningRateFactor(0.5);
    runSteps(fusion, params, 4);
    for (const group of groups) {
      const own = alone.filter((p) => blocks.indexOf(p.block) >= group.blocks[0] && blocks.indexOf(p.block) <= group.blocks[1]);
      const optimizer = createOptimizer(optimizerConfigSchema.parse(group.optimizer), own);
      optimizer.setLearningRateFactor(0.5);
      runSteps(optimizer, own, 4);
      optimizer.dispose();
    }
    params.forEach((p, i) => assertClose(p.variable.dataSync(), Array.from(alone[i].variable.dataSync()), p.name));
    fusion.dispose();
    disposeParams(params);
    disposeParams(alone);
  });
});
