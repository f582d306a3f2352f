import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';
import '@tensorflow/tfjs-backend-cpu';
import { createModel } from '../../../shared/ml/models/createModel.js';
import { epsilonSearchRange } from '../../../shared/science/epsilon/searchRange.js';

/** Real services, training processes and SQLite: ε histograms of an Adam run and the sweep from its range. */
describe('ε histograms of a real run', () => {
  const services = appServicesForSuite('epsilon');

  const base: RunConfigInput = {
    name: 'eps adam',
    dataset: { kind: 'fashion-mnist', trainLimit: 384, testLimit: 128 },
    model: { kind: 'mlp', hidden: [32, 16] },
    optimizer: { type: 'adam', lr: 0.003, eps: 1e-8 },
    training: { epochs: 2, batchSize: 64, seed: 5 },
  };
  const train = (config: RunConfigInput) => trainToEnd(services, config);
  let adamRunId = 0;

  it('Adam on the Fashion-MNIST MLP stores a capture of every layer at the end of epoch 1, and its range', async () => {
    const run = await train(base);
    assert.equal(run.status, 'completed', run.error ?? '');
    adamRunId = run.id;
    const view = await services.handlers.getEpsilonHistograms({ id: run.id });
    assert.equal(view.adaptive, true);
    assert.equal(view.eps, 1e-8);
    assert.deepEqual(
      view.captures.map((c) => [c.epoch, c.step, c.endOfEpoch]),
      [
        [1, 6, true],
        [2, 12, true],
      ],
    );
    const model = createModel(run.config.model, [28, 28, 1], 10, 0);
    const paramNames = model.params.map((p) => p.name);
    const sizes = model.params.map((p) => p.variable.size);
    model.dispose();
    const first = view.captures[0];
    assert.deepEqual(
      first.layers.map((l) => l.layer),
      paramNames,
    );
    assert.deepEqual(
      first.layers.map((l) => l.count),
      sizes,
    );
    for (const layer of first.layers) {
      const binned = layer.bins.reduce((s, [, c]) => s + c, 0);
      assert.equal(binned + layer.zeroCount + layer.nanCount + layer.belowCount + layer.aboveCount, layer.count, layer.layer);
      assert.ok(layer.fractionAboveEps !== null && layer.fractionAboveEps >= 0 && layer.fractionAboveEps <= 1);
      if (layer.p2 !== null) assert.ok(layer.min! <= layer.p2 && layer.p2 <= layer.p50! && layer.p50! <= layer.p98! && layer.p98! <= layer.max!);
    }
    assert.equal(view.rangeCaptureId, first.id);
    assert.deepEqual(view.range, epsilonSearchRange(first.layers));
    assert.ok(view.range !== null && view.range.lower <= view.range.upper);
    assert.ok(view.range.lower > 0);
  });

  it('an SGD run captures nothing and says it is not adaptive', async () => {
    const run = await train({ ...base, optimizer: { type: 'sgd', lr: 0.05 }, training: { epochs: 1, batchSize: 64, seed: 1 } });
    assert.equal(run.status, 'completed', run.error ?? '');
    const view = await services.handlers.getEpsilonHistograms({ id: run.id });
    assert.equal(view.adaptive, false);
    assert.deepEqual(view.captures, []);
    assert.equal(view.range, null);
  });

  it('one click creates the runs testing the range: its extremes × the learning rates; the heatmap finds them', async () => {
    const view = await services.handlers.getEpsilonHistograms({ id: adamRunId });
    const range = view.range!;
    const result = await services.handlers.createEpsilonSweep({ id: adamRunId, request: { mode: 'extremes', learningRates: [0.001, 0.01] } });
    const epsilons = [...new Set([range.lower, range.upper])];
    assert.equal(result.runs.length, epsilons.length * 2);
    const pairs = result.runs.map((r) => [(r.config.optimizer as { eps: number }).eps, (r.config.optimizer as { lr: number }).lr]);
    for (const eps of epsilons) for (const lr of [0.001, 0.01]) assert.ok(pairs.some(([e, l]) => e === eps && l === lr), `ε=${eps} lr=${lr}`);
    for (const r of result.runs) {
      assert.equal(r.config.optimizer.type, 'adam');
      assert.deepEqual(r.config.model, view.captures.length > 0 ? (await services.handlers.getRun({ id: adamRunId })).config.model : null);
    }
    const again = await services.handlers.getEpsilonHistograms({ id: adamRunId });
    assert.deepEqual(again.sweepIds, [result.sweepId]);
    await Promise.all(result.runs.map((r) => services.runs.waitForRun(r.id)));
    const heatmap = await services.handlers.getEpsilonHeatmap({ id: adamRunId, axis: 'lr', metric: 'test/accuracy' });
    assert.deepEqual(heatmap.epsilons, [...new Set([...epsilons, 1e-8])].sort((a, b) => a - b));
    assert.deepEqual(heatmap.ys, [0.001, 0.003, 0.01]);
    const filled = heatmap.cells.flat().filter((c) => c !== null).length;
    assert.equal(filled, result.runs.length + 1);
    assert.deepEqual(heatmap.range, range);
    // From one of the sweep's runs (a run of the sweep's experiment) the same map.
    const fromMember = await services.handlers.getEpsilonHeatmap({ id: result.runs[0].id, axis: 'lr', metric: 'test/accuracy' });
    assert.deepEqual(fromMember.cells, heatmap.cells);
    assert.ok(result.runs.every((r) => r.experimentId !== null && r.experimentId === result.runs[0].experimentId), 'the sweep is one experiment');
  });

  it('exports the histograms and the range as CSV and JSON', async () => {
    const csv = await services.handlers.exportEpsilon({ id: adamRunId, format: 'histograms-csv' });
    assert.match(csv.content.split('\n')[0], /^epoch,step,layer,kind,lo,hi,count$/);
    const view = await services.handlers.getEpsilonHistograms({ id: adamRunId });
    const rows = csv.content.trim().split('\n').slice(1);
    const total = rows.reduce((s, row) => s + Number(row.split(',').at(-1)), 0);
    const expected = view.captures.reduce((s, c) => s + c.layers.reduce((t, l) => t + l.count - l.nanCount, 0), 0);
    assert.equal(total, expected);
    const range = await services.handlers.exportEpsilon({ id: adamRunId, format: 'range-csv' });
    assert.equal(range.content.trim().split('\n')[1].split(',')[0], String(view.range!.lower));
    const json = await services.handlers.exportEpsilon({ id: adamRunId, format: 'json' });
    assert.deepEqual(JSON.parse(json.content).range, view.range);
  });
});
