import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';
import { writeTinyImagenetFixture } from '../../support/tinyImagenetFixture.js';

const weightsFile = fileURLToPath(new URL('../../fixtures/weights/efficientnet-v2-small.safetensors', import.meta.url));

/**
 * Seed 002's set-up in small: EfficientNetV2-S (reduced width and depth) started from torchvision
 * weights (a safetensors file written by PyTorch), Adam on blocks 0–6 and SGD on block 7, trained on
 * a Tiny ImageNet in its folder layout, through the real training process into the real store.
 */
describe('a fusion run on EfficientNetV2-S from pretrained weights on Tiny ImageNet', () => {
  const services = appServicesForSuite('pretrained');

  const config = (initialWeights: RunConfigInput['initialWeights'], classes = 3, device: 'cpu' | 'cpu-native' = 'cpu'): RunConfigInput => ({
    dataset: { kind: 'tiny-imagenet', imageSize: [32, 32], normalization: 'imagenet', classLimit: classes },
    model: { kind: 'efficientnet-v2-s', width: 0.125, depth: 0.2 },
    optimizer: {
      type: 'fusion',
      groups: [
        { blocks: [0, 6], optimizer: { type: 'adam', lr: 0.001 } },
        { blocks: [7, 7], optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9 } },
      ],
    },
    training: { epochs: 2, batchSize: 4, device },
    initialWeights,
  });

  it('trains on cpu + native, and records the weights file and its SHA-256', async () => {
    writeTinyImagenetFixture(services.dataDir, { classes: 4, trainPerClass: 4, valPerClass: 2, size: 16 });
    mkdirSync(path.join(services.dataDir, 'weights'), { recursive: true });
    copyFileSync(weightsFile, path.join(services.dataDir, 'weights', 'effnet.safetensors'));
    const done = await trainToEnd(services, config({ path: 'weights/effnet.safetensors' }, 3, 'cpu-native'));
    assert.equal(done.status, 'completed', done.error ?? '');
    assert.equal(done.backend?.backend, 'cpu+native');
    const recorded = await services.handlers.getInitialWeights({ id: done.id });
    assert.deepEqual(recorded, {
      path: path.join(services.dataDir, 'weights', 'effnet.safetensors'),
      sha256: createHash('sha256').update(readFileSync(weightsFile)).digest('hex'),
      bytes: readFileSync(weightsFile).byteLength,
      loaded: recorded?.loaded,
      keptHead: [],
    });
    assert.ok((recorded?.loaded ?? 0) > 100, String(recorded?.loaded));
    const series = await services.handlers.getMetrics({ id: done.id, maxPoints: 0 });
    const keys = series.map((s) => s.key);
    assert.ok(keys.includes('test/accuracy') && keys.includes('train/loss'), keys.join(', '));
  });

  it('another number of classes: fails naming the head, or trains with the head replaced', async () => {
    const refused = await trainToEnd(services, config({ path: 'weights/effnet.safetensors' }, 4));
    assert.equal(refused.status, 'failed');
    assert.match(refused.error ?? '', /effnet\.safetensors: the weights do not fit the model: mismatched shapes \(2\): classifier\.1\.weight → classifier\.weight/);
    const replaced = await trainToEnd(services, config({ path: 'weights/effnet.safetensors', replaceHead: true }, 4));
    assert.equal(replaced.status, 'completed', replaced.error ?? '');
    assert.deepEqual((await services.handlers.getInitialWeights({ id: replaced.id }))?.keptHead, ['classifier.weight', 'classifier.bias']);
    const missing = await trainToEnd(services, config({ path: 'weights/none.safetensors' }));
    assert.equal(missing.status, 'failed');
    assert.match(missing.error ?? '', /weights file .*none\.safetensors cannot be read \(ENOENT\)/);
  });

  it('a model that cannot load pretrained weights is refused at once', async () => {
    await assert.rejects(
      services.handlers.createRun({ config: { ...config({ path: 'x.safetensors' }), model: { kind: 'cnn' } } as never }),
      /initialWeights\.path: the CNN model cannot start from pretrained weights|cannot start from pretrained weights/,
    );
  });
});
