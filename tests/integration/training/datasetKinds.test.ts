import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

const fixtures = fileURLToPath(new URL('../../fixtures/data/', import.meta.url));

/** Every kind of dataset trains through the real training process into the real store. */
describe('training each dataset kind', () => {
  const services = appServicesForSuite('kinds');

  const train = async (config: RunConfigInput) => {
    const done = await trainToEnd(services, config);
    assert.equal(done.status, 'completed', done.error ?? '');
    const series = await services.handlers.getMetrics({ id: done.id, maxPoints: 0 });
    return Object.fromEntries(series.map((s) => [s.key, s.points.map((p) => p.value)]));
  };

  it('text classification (AG News CSV) with an LSTM: accuracy and macro-F1 per epoch', async () => {
    const metrics = await train({
      dataset: { kind: 'text-csv', path: path.join(fixtures, 'ag_news'), vocabSize: 200, maxLength: 16 },
      model: { kind: 'lstm', layers: 1, embeddingDim: 8, hidden: 8 },
      optimizer: { type: 'adam', lr: 0.01 },
      training: { epochs: 2, batchSize: 16 },
    });
    assert.equal(metrics['test/accuracy'].length, 2);
    assert.equal(metrics['test/macro_f1'].length, 2);
    for (const f1 of metrics['test/macro_f1']) assert.ok(f1 >= 0 && f1 <= 1, String(f1));
    assert.equal(metrics['test/mcc'], undefined, 'Matthews correlation is CoLA’s score, not AG News’s');
  });

  it('CoLA with a WordPiece vocabulary and a small BERT trained by MAS: loss falls, accuracy per epoch', async () => {
    const metrics = await train({
      dataset: { kind: 'cola', path: path.join(fixtures, 'cola'), vocabFile: path.join(fixtures, 'cola', 'vocab.txt'), maxLength: 12 },
      model: { kind: 'bert', hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 16, dropout: 0, attentionDropout: 0 },
      optimizer: { type: 'mas', lr: 0.01, momentum: 0.95, lambdaAdam: 0.5, lambdaSgd: 0.5 },
      training: { epochs: 6, batchSize: 16 },
    });
    assert.equal(metrics['test/accuracy'].length, 6);
    // GLUE's score for CoLA, beside accuracy and macro-F1.
    assert.equal(metrics['test/mcc'].length, 6);
    for (const mcc of metrics['test/mcc']) assert.ok(mcc >= -1 && mcc <= 1, String(mcc));
    assert.equal(metrics['test/macro_f1'].length, 6);
    const loss = metrics['train/loss'];
    assert.ok(loss[5] < loss[0], loss.join(' > '));
  });

  it('CoLA with BERT started from a state_dict PyTorch wrote (bert-base-uncased’s conventions), its head replaced for 2 classes', async () => {
    const weights = path.join(fixtures, '..', 'weights', 'bert-small.safetensors');
    const done = await trainToEnd(services, {
      dataset: { kind: 'cola', path: path.join(fixtures, 'cola'), vocabFile: path.join(fixtures, 'cola', 'vocab.txt'), maxLength: 12 },
      model: { kind: 'bert', hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 12, dropout: 0, attentionDropout: 0 },
      optimizer: { type: 'mas', lr: 0.01, momentum: 0.95, lambdaAdam: 0.5, lambdaSgd: 0.5 },
      training: { epochs: 1, batchSize: 16 },
      initialWeights: { path: weights, replaceHead: true },
    });
    assert.equal(done.status, 'completed', done.error ?? '');
    const recorded = await services.handlers.getInitialWeights({ id: done.id });
    assert.deepEqual(recorded?.keptHead, ['classifier.weight', 'classifier.bias']);
    assert.equal(recorded?.loaded, 3 + 2 + 2 * 16 + 2, 'embeddings (3 and their LayerNorm 2), 16 tensors per layer, pooler 2');
    assert.match(recorded?.sha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('character-level language modeling (PTB layout) with an LSTM: perplexity per epoch, falling', async () => {
    const metrics = await train({
      dataset: { kind: 'text-lm', path: path.join(fixtures, 'ptb'), level: 'char', seqLength: 8 },
      model: { kind: 'lstm', layers: 1, embeddingDim: 16, hidden: 16 },
      optimizer: { type: 'adam', lr: 0.01 },
      training: { epochs: 3, batchSize: 8 },
    });
    const perplexity = metrics['train/perplexity'];
    assert.equal(perplexity.length, 3);
    assert.ok(perplexity[2] < perplexity[0], perplexity.join(' > '));
    assert.ok(Math.abs(Math.log(metrics['test/perplexity'][0]) - metrics['test/loss'][0]) < 1e-6);
  });

  it('an image folder with a CNN, with augmentation', async () => {
    const metrics = await train({
      dataset: { kind: 'image-folder', path: path.join(fixtures, 'image-folder'), augment: { cropPadding: 2, horizontalFlip: true, zScore: true } },
      model: { kind: 'cnn', channels: [4, 8] },
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 },
      training: { epochs: 2, batchSize: 4 },
    });
    assert.equal(metrics['test/accuracy'].length, 2);
    assert.ok(metrics['train/loss_step'].every(Number.isFinite));
  });
});
