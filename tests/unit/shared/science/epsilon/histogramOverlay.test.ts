import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EpsilonCapture } from '../../../../../shared/science/epsilon/epsilonCapture.js';
import { captureAtEpoch, captureEpochs, overlayLayers } from '../../../../../shared/science/epsilon/histogramOverlay.js';
import { layerHistogram } from '../../../../../shared/science/epsilon/layerHistogram.js';
import { defaultBinSpec } from '../../../../../shared/science/epsilon/logBins.js';

function capture(epoch: number, step: number, endOfEpoch: boolean, layers: Record<string, number[]>, eps: number): EpsilonCapture {
  return {
    epoch,
    step,
    endOfEpoch,
    optimizer: 'adam',
    binSpec: defaultBinSpec,
    layers: Object.entries(layers).map(([name, values]) => layerHistogram(name, Float32Array.from(values), defaultBinSpec, eps)),
    seconds: 0,
  };
}

// Two runs of one MLP, ε = 1e-8 and 1e-3 (seed 003's Fig. 12), the second with a bigger first layer.
const small = { runId: 1, label: '#1', eps: 1e-8, captures: [capture(1, 10, true, { 'dense0/kernel': [1e-5, 1e-5, 1e-3, 0], 'dense1/kernel': [1e-4] }, 1e-8), capture(2, 20, true, { 'dense0/kernel': [1e-6] }, 1e-8)] };
const large = { runId: 2, label: '#2', eps: 1e-3, captures: [capture(1, 5, false, { 'dense0/kernel': [1] }, 1e-3), capture(1, 10, true, { 'dense0/kernel': [1e-5, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2] }, 1e-3)] };

test('per layer, each run at the epoch’s last step, as fractions of the layer, with its own ε and share above it', () => {
  assert.deepEqual(captureEpochs([small, large]), [1, 2]);
  assert.equal(captureAtEpoch(large.captures, 1)!.step, 10, 'the capture at the end of the epoch, not the one before');
  const layers = overlayLayers([small, large], 1);
  assert.deepEqual(layers.map((l) => [l.layer, l.series.map((s) => s.runId)]), [['dense0/kernel', [1, 2]], ['dense1/kernel', [1]]]);
  const [first, second] = layers[0].series;
  assert.deepEqual([first.eps, second.eps], [1e-8, 1e-3]);
  assert.equal(first.bars.reduce((a, b) => a + b.fraction, 0), 0.75, 'the zero is counted apart: 3 of 4 elements in bins');
  assert.ok(Math.abs(second.bars.reduce((a, b) => a + b.fraction, 0) - 1) < 1e-12);
  assert.equal(first.fractionAboveEps, 0.75);
  assert.equal(second.fractionAboveEps, 7 / 8, 'above the run’s own ε (1e-3), not the other’s');
  assert.deepEqual(overlayLayers([small, large], 2).map((l) => l.series.map((s) => s.runId)), [[1]], 'a run without a capture that epoch is left out');
});
