import type { Optimizer } from '../../shared/ml/optim/optimizer.js';
import { groupLearningRateKey, metricKeys } from '../../shared/runs/runTypes.js';
import type { MetricReporter } from './metricReporter.js';

/** An optimizer with groups of its own learning rate (a fusion plan). */
interface GroupedOptimizer {
  groupLearningRates(): number[];
}

function hasGroups(optimizer: Optimizer): optimizer is Optimizer & GroupedOptimizer {
  return typeof (optimizer as Partial<GroupedOptimizer>).groupLearningRates === 'function';
}

/**
 * Records the learning rate after a step: `train/lr`, and for a fusion plan each group's as
 * `lr/group<n>` (groups have learning rates of their own; `train/lr` is the first group's).
 */
export function recordLearningRates(reporter: MetricReporter, optimizer: Optimizer, step: number): void {
  reporter.record(metricKeys.lr, optimizer.currentLearningRate(), step, 0);
  if (hasGroups(optimizer)) optimizer.groupLearningRates().forEach((lr, i) => reporter.record(groupLearningRateKey(i), lr, step, 0));
}
