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
    }
  }
  const cola = runConfigSchema.parse(runPresets.find((p) => p.id === 'seed000-bert-cola-mas')?.config);
  assert.equal(cola.dataset.kind, 'cola');
  assert.equal(cola.training.epochs, 50);
});
