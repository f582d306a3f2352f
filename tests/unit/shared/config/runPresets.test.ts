import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';
import { runPresets } from '../../../../shared/config/runPresets.js';
import { describeModel } from '../../../../shared/runs/describeRun.js';

test('every set-up preset is a valid run config; seed 000’s BERT presets are bert-base with Tab. 3’s MAS', () => {
  assert.equal(new Set(runPresets.map((p) => p.id)).size, runPresets.length);
  for (const preset of runPresets) {
    const config = runConfigSchema.parse(preset.config);
    assert.ok(preset.source && preset.supply, preset.id);
    if (preset.id.startsWith('seed000-bert')) {
      assert.equal(describeModel(config.model), 'BERT-base');
      assert.deepEqual(config.optimizer, runConfigSchema.parse({ ...preset.config, optimizer: { type: 'mas', lr: 0.0002, momentum: 0.95, lambdaAdam: 0.5, lambdaSgd: 0.5 } }).optimizer);
      assert.equal(config.training.batchSize, 100);
      assert.equal((config.dataset as { vocabFile?: string }).vocabFile, 'bert-base-uncased/vocab.txt');
      assert.deepEqual(config.initialWeights, { path: 'bert-base-uncased/model.safetensors', replaceHead: true }, 'pretrained, with a new classifier');
    }
  }
  const cola = runConfigSchema.parse(runPresets.find((p) => p.id === 'seed000-bert-cola-mas')?.config);
  assert.equal(cola.dataset.kind, 'cola');
  assert.equal(cola.training.epochs, 50);
});

test('seed 002’s EfficientNetV2-S fusion and seed 003’s DenseNet-121 ε study', () => {
  const fusion = runConfigSchema.parse(runPresets.find((p) => p.id === 'seed002-efficientnet-v2-s-fusion')?.config);
  assert.equal(fusion.model.kind, 'efficientnet-v2-s');
  assert.deepEqual(
    fusion.optimizer.type === 'fusion' && fusion.optimizer.groups.map((g) => [g.blocks, g.optimizer.type]),
    [[[0, 6], 'adam'], [[7, 7], 'sgd']],
  );
  assert.deepEqual(fusion.initialWeights, { path: 'efficientnet_v2_s.safetensors', replaceHead: true });
  assert.equal(fusion.dataset.kind === 'tiny-imagenet' && fusion.dataset.normalization, 'imagenet');
  const densenet = runConfigSchema.parse(runPresets.find((p) => p.id === 'seed003-densenet-121-epsilon')?.config);
  assert.equal(densenet.model.kind, 'densenet-121');
  assert.equal(densenet.optimizer.type === 'adam' && densenet.optimizer.eps, 0.01);
  assert.deepEqual(densenet.lrSchedule, { type: 'multistep', milestones: [100], gamma: 0.1 });
});
