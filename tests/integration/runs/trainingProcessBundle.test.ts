/**
 * Runs start from the training process's bundle (dist/trainingProcess/), built from the current
 * sources: the launcher the app uses picks it over the sources through tsx, its list of inputs
 * covers the training code, and a run trains from it on cpu + native with the bundled dataset.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import { nodeBundleFreshness, trainingProcessBundle } from '../../../main/runs/nodeBundle.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

describe('the training process bundle', { timeout: 300_000 }, () => {
  const services = appServicesForSuite('training-bundle', { launcher: new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 }) });

  it('is what the launcher runs, matches the sources and lists the training code as its inputs', () => {
    assert.deepEqual(new ChildProcessLauncher().program(), { file: trainingProcessBundle.outfile, throughTsx: false });
    assert.deepEqual(nodeBundleFreshness(trainingProcessBundle), { fresh: true });
    const inputs = (JSON.parse(readFileSync(`${trainingProcessBundle.outfile}.inputs.json`, 'utf8')) as { inputs: { path: string }[] }).inputs.map((input) => input.path);
    for (const source of ['main/trainingProcess/trainingProcess.ts', 'main/trainingProcess/trainRun.ts', 'shared/config/runConfig.ts', 'shared/ml/models/gradients/tfjsGradients.generated.js']) {
      assert.ok(inputs.includes(source), `${source} is an input of the bundle`);
    }
  });

  it('trains a run: a small MLP on the bundled Fashion-MNIST subset, on cpu + native', async () => {
    const run = await trainToEnd(services, {
      dataset: { kind: 'fashion-mnist', trainLimit: 128, testLimit: 32 },
      model: { kind: 'mlp', hidden: [16] },
      optimizer: { type: 'adam', lr: 1e-3 },
      training: { epochs: 1, batchSize: 64, device: 'cpu-native', seed: 1 },
    });
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.equal(run.backend?.backend, 'cpu+native');
    assert.ok(Number.isFinite(run.lastMetrics['test/accuracy']), 'the test accuracy is stored');
  });
});
