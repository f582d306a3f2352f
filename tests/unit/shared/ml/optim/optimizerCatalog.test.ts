import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optimizerConfigSchema, singleOptimizerConfigSchema } from '../../../../../shared/config/optimizerConfig.js';
import { validateFusionPlan } from '../../../../../shared/ml/optim/fusion/fusionPlan.js';
import { fusionSplitPlan, optimizerCatalog, optimizerPresets } from '../../../../../shared/ml/optim/optimizerCatalog.js';

describe('optimizer catalog', () => {
  it('describes every single optimizer type, every hyperparameter with a label and help', () => {
    const types = singleOptimizerConfigSchema.options.map((o) => o.shape.type.value).sort();
    assert.deepEqual(optimizerCatalog.map((o) => o.type).sort(), types);
    for (const info of optimizerCatalog) {
      assert.ok(info.title && info.description && info.reference, info.type);
      const schemaKeys = Object.keys(singleOptimizerConfigSchema.options.find((o) => o.shape.type.value === info.type)!.shape).filter((k) => k !== 'type' && k !== 'lambdaSchedule');
      assert.deepEqual(info.hyperparameters.map((h) => h.key), schemaKeys, info.type);
      for (const h of info.hyperparameters) assert.ok(h.label !== h.key && h.help.length > 0, `${info.type}.${h.key} has a label and help`);
    }
  });

  it('defaults are the schema defaults (PyTorch defaults)', () => {
    const adam = optimizerCatalog.find((o) => o.type === 'adam')!;
    assert.deepEqual(Object.fromEntries(adam.hyperparameters.map((h) => [h.key, h.defaultValue])), { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false });
    const mas = optimizerCatalog.find((o) => o.type === 'mas')!;
    const variant = mas.hyperparameters.find((h) => h.key === 'variant')!;
    assert.equal(variant.kind, 'choice');
    assert.equal(variant.defaultValue, 'standard');
    assert.equal(mas.hyperparameters.find((h) => h.key === 'lrSgd')!.defaultValue, undefined);
  });

  it('is plain data (survives a JSON round trip)', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(optimizerCatalog)), optimizerCatalog);
    assert.deepEqual(JSON.parse(JSON.stringify(optimizerPresets)), optimizerPresets);
  });

  it('presets are valid configs; MAS presets carry the λ pairs of seed 000 Tab. 1–3', () => {
    for (const preset of optimizerPresets) {
      if (preset.config) assert.ok(optimizerConfigSchema.safeParse(preset.config).success, preset.id);
      else assert.ok(preset.split, preset.id);
    }
    const tab1 = optimizerPresets.filter((p) => p.id.startsWith('mas-tab-1-')).map((p) => p.config as { lambdaAdam: number; lambdaSgd: number; lr: number });
    assert.deepEqual(tab1.map((c) => [c.lambdaAdam, c.lambdaSgd]).sort(), [[0.3, 0.7], [0.4, 0.6], [0.5, 0.5], [0.6, 0.4], [0.7, 0.3]]);
    assert.ok(tab1.every((c) => c.lr === 0.001));
  });

  it('split presets become sound fusion plans for a model with enough blocks', () => {
    const mlp = ['layer0', 'layer1', 'output'];
    const epfl = optimizerPresets.find((p) => p.id === 'seed001-hidden-adam-output-sgd')!;
    const plan = fusionSplitPlan(epfl.split!, mlp.length)!;
    assert.deepEqual(plan.groups.map((g) => g.blocks), [[0, 1], [2, 2]]);
    const parsed = optimizerConfigSchema.parse(plan);
    assert.ok(parsed.type === 'fusion');
    assert.deepEqual(validateFusionPlan(parsed, mlp), []);
    const kimMoon = optimizerPresets.find((p) => p.id === 'seed002-adam-blocks-0-6-then-sgd')!;
    assert.equal(fusionSplitPlan(kimMoon.split!, 3), null);
    assert.deepEqual(fusionSplitPlan(kimMoon.split!, 8)!.groups.map((g) => g.blocks), [[0, 6], [7, 7]]);
  });
});
