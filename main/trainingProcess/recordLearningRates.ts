import type { Optimizer } from '../../shared/ml/optim/optimizer.js';
import { groupLearningRateKey, metricKeys, partLearningRateKey } from '../../shared/runs/runTypes.js';
import type { MetricReporter } from './metricReporter.js';

/** An optimizer with groups of its own learning rate (a fusion plan). */
interface GroupedOptimizer {
  groupLearningRates(): number[];
}

/** An optimizer whose update mixes parts of their own learning rate (a mixer, MAS). */
interface MixingOptimizer {
  partLearningRates(): number[];
}

function hasGroups(optimizer: Optimizer): optimizer is Optimizer & GroupedOptimizer {
  return typeof (optimizer as Partial<GroupedOptimizer>).groupLearningRates === 'function';
}

function hasParts(optimizer: Optimizer): optimizer is Optimizer & MixingOptimizer {
  return typeof (optimizer as Partial<MixingOptimizer>).partLearningRates === 'function';
}

/**
 * Records the learning rate after a step: `train/lr`; for a fusion plan each group's as
 * `lr/group<n>` (groups have learning rates of their own; `train/lr` is the first group's); for a
 * mixer (MAS) each part's as `lr/part<n>` (`train/lr` is the mixer's η).
 */
export function recordLearningRates(reporter: MetricReporter, optimizer: Optimizer, step: number): void {
  reporter.record(metricKeys.lr, optimizer.currentLearningRate(), step, 0);
  if (hasGroups(optimizer)) optimizer.groupLearningRates().forEach((lr, i) => reporter.record(groupLearningRateKey(i), lr, step, 0));
  if (hasParts(optimizer)) optimizer.partLearningRates().forEach((lr, i) => reporter.record(partLearningRateKey(i), lr, step, 0));
}
