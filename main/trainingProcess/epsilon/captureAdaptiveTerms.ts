import type { Optimizer } from '../../../shared/ml/optim/optimizer.js';
import type { EpsilonCapture } from '../../../shared/science/epsilon/epsilonCapture.js';
import { layerHistogram, type LayerHistogram } from '../../../shared/science/epsilon/layerHistogram.js';
import type { BinSpec } from '../../../shared/science/epsilon/logBins.js';

export interface CaptureOptions {
  epoch: number;
  step: number;
  endOfEpoch: boolean;
  optimizerType: string;
  /** The ε of each parameter (its fusion group's), or one ε for all. */
  eps: number | null | ((paramName: string) => number | null);
  binSpec: BinSpec;
}

/**
 * Reads ẑ (the optimizer's `adaptiveTerm`, seed 003 Table 5) of every parameter, in the model's
 * order (`await data()`, so webgpu can too), and summarises each as a layer histogram. Parameters without a term (non-adaptive groups,
 * not yet stepped) are left out; null when none has one.
 */
export async function captureAdaptiveTerms(optimizer: Optimizer, paramNames: readonly string[], options: CaptureOptions): Promise<EpsilonCapture | null> {
  const started = performance.now();
  const layers: LayerHistogram[] = [];
  for (const name of paramNames) {
    const term = optimizer.adaptiveTerm(name);
    if (term === null) continue;
    let values: Float32Array;
    try {
      const data = await term.data();
      values = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
    } finally {
      term.dispose();
    }
    const eps = typeof options.eps === 'function' ? options.eps(name) : options.eps;
    layers.push(layerHistogram(name, values, options.binSpec, eps));
  }
  if (layers.length === 0) return null;
  return {
    epoch: options.epoch,
    step: options.step,
    endOfEpoch: options.endOfEpoch,
    optimizer: options.optimizerType,
    binSpec: options.binSpec,
    layers,
    seconds: (performance.now() - started) / 1000,
  };
}
