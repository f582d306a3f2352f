import { seriesStyle } from '../../../../shared/charts/seriesStyle.js';
import type { RunConfig } from '../../../../shared/config/runConfig.js';
import { datasetKindDefinition } from '../../../../shared/ml/data/datasetKindRegistry.js';
import { groupLearningRateKey, groupOfLearningRateKey, metricKeys, partLearningRateKey, partOfLearningRateKey } from '../../../../shared/runs/runTypes.js';
import { describeFusionGroup, describeMixerParts } from '../describeRun.js';
import type { SeriesPoint } from './seriesPoint.js';

/** One line of a chart: a metric series and how it is drawn. */
export interface ChartLine {
  key: string;
  label: string;
  color: string;
  points: SeriesPoint[];
  /** Per-step series are drawn thin without markers; per-epoch ones with markers. */
  perStep: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  yLabel: string;
  /** Offer a log-scale switch (losses, distances). */
  allowLog: boolean;
  /** Offer smoothing of the per-step lines (noisy ones: losses). */
  allowSmoothing: boolean;
  lines: ChartLine[];
}

const lineStyles: { key: string; label: string; color: string; perStep: boolean }[] = [
  { key: metricKeys.trainLossStep, label: 'train loss (step)', color: '#93c5fd', perStep: true },
  { key: metricKeys.trainLoss, label: 'train loss', color: '#2563eb', perStep: false },
  { key: metricKeys.testLoss, label: 'test loss', color: '#dc2626', perStep: false },
  { key: metricKeys.trainAccuracy, label: 'train accuracy', color: '#2563eb', perStep: false },
  { key: metricKeys.testAccuracy, label: 'test accuracy', color: '#dc2626', perStep: false },
  { key: metricKeys.valLoss, label: 'validation loss', color: '#d97706', perStep: false },
  { key: metricKeys.valAccuracy, label: 'validation accuracy', color: '#d97706', perStep: false },
  { key: metricKeys.testMcc, label: 'test MCC', color: '#dc2626', perStep: false },
  { key: metricKeys.valMcc, label: 'validation MCC', color: '#d97706', perStep: false },
  { key: metricKeys.distanceToMinimum, label: 'distance to minimum', color: '#7c3aed', perStep: true },
  { key: metricKeys.lr, label: 'learning rate', color: '#059669', perStep: true },
];

const chartGroups: { id: string; title: string; yLabel: string; allowLog: boolean; allowSmoothing: boolean; keys: string[] }[] = [
  { id: 'loss', title: 'Loss', yLabel: 'loss', allowLog: true, allowSmoothing: true, keys: [metricKeys.trainLossStep, metricKeys.trainLoss, metricKeys.valLoss, metricKeys.testLoss] },
  { id: 'accuracy', title: 'Accuracy', yLabel: 'accuracy', allowLog: false, allowSmoothing: false, keys: [metricKeys.trainAccuracy, metricKeys.valAccuracy, metricKeys.testAccuracy] },
  { id: 'mcc', title: 'Matthews correlation', yLabel: 'MCC', allowLog: false, allowSmoothing: false, keys: [metricKeys.valMcc, metricKeys.testMcc] },
  { id: 'distance', title: 'Distance to the minimum', yLabel: 'distance', allowLog: true, allowSmoothing: false, keys: [metricKeys.distanceToMinimum] },
  { id: 'lr', title: 'Learning rate', yLabel: 'η', allowLog: true, allowSmoothing: false, keys: [metricKeys.lr] },
];

/**
 * The charts of a run page, each with its lines; a chart shows when the run is expected to record
 * one of its series (`expected`) or has recorded one. A fusion plan's learning-rate chart draws one
 * line per group (`lr/group<n>`, labelled by `labels`) instead of `train/lr`, which is only the first
 * group's.
 */
export function runCharts(series: Record<string, SeriesPoint[]>, expected: ReadonlySet<string>, labels: Readonly<Record<string, string>> = {}): ChartSpec[] {
  const recorded = [...new Set([...expected, ...Object.keys(series)])];
  const groupKeys = recorded.filter((key) => groupOfLearningRateKey(key) !== null).sort((a, b) => groupOfLearningRateKey(a)! - groupOfLearningRateKey(b)!);
  const partKeys = recorded.filter((key) => partOfLearningRateKey(key) !== null).sort((a, b) => partOfLearningRateKey(a)! - partOfLearningRateKey(b)!);
  const specs: ChartSpec[] = [];
  for (const group of chartGroups) {
    // A fusion plan: one line per group; a mixer: its η and one line per part.
    const candidates = group.id !== 'lr' ? group.keys : groupKeys.length > 0 ? groupKeys : [...group.keys, ...partKeys];
    const keys = candidates.filter((key) => expected.has(key) || (series[key]?.length ?? 0) > 0);
    if (keys.length === 0) continue;
    const lines = keys.map((key) => {
      const groupIndex = groupOfLearningRateKey(key);
      const partIndex = partOfLearningRateKey(key);
      const style =
        lineStyles.find((s) => s.key === key) ??
        (groupIndex !== null
          ? { key, label: `group ${groupIndex + 1}`, color: seriesStyle(groupIndex).color, perStep: true }
          : partIndex !== null
            ? { key, label: `part ${partIndex + 1}`, color: seriesStyle(partIndex + 1).color, perStep: true }
            : { key, label: key, color: '#6b7280', perStep: true });
      const points = series[key] ?? [];
      // Drawn by what was recorded: per-epoch points get markers, per-step ones a thin line.
      const perStep = points.length > 0 ? points.some((p) => p.epoch === 0) : style.perStep;
      return { ...style, label: labels[key] ?? style.label, perStep, points };
    });
    specs.push({ id: group.id, title: group.title, yLabel: group.yLabel, allowLog: group.allowLog, allowSmoothing: group.allowSmoothing, lines });
  }
  return specs;
}

/**
 * The series a run of this config records (a fusion plan: one learning rate per group; a validation
 * split: its loss and accuracy; CoLA: Matthews correlation, as its benchmark reports).
 */
export function expectedSeries(config: Pick<RunConfig, 'dataset' | 'optimizer'> & { training?: Pick<RunConfig['training'], 'validation'> }): Set<string> {
  const expected =
    config.dataset.kind === 'surface'
      ? new Set<string>([metricKeys.trainLossStep, metricKeys.trainLoss, metricKeys.distanceToMinimum, metricKeys.lr])
      : new Set<string>([metricKeys.trainLossStep, metricKeys.trainLoss, metricKeys.testLoss, metricKeys.trainAccuracy, metricKeys.testAccuracy, metricKeys.lr]);
  if (config.training?.validation && config.dataset.kind !== 'surface') [metricKeys.valLoss, metricKeys.valAccuracy].forEach((key) => expected.add(key));
  if (datasetKindDefinition(config.dataset.kind).benchmarkMetrics?.includes('mcc')) {
    expected.add(metricKeys.testMcc);
    if (config.training?.validation) expected.add(metricKeys.valMcc);
  }
  if (config.optimizer.type === 'fusion') config.optimizer.groups.forEach((_, i) => expected.add(groupLearningRateKey(i)));
  describeMixerParts(config.optimizer).forEach((_, i) => expected.add(partLearningRateKey(i)));
  return expected;
}

/** Labels of a run's series that depend on its config: each fusion group's learning rate by its optimizer and blocks. */
export function seriesLabels(config: Pick<RunConfig, 'optimizer'>): Record<string, string> {
  const parts = describeMixerParts(config.optimizer);
  if (parts.length > 0) return Object.fromEntries(parts.map((part, i) => [partLearningRateKey(i), `part ${i + 1}: ${part}`]));
  if (config.optimizer.type !== 'fusion') return {};
  return Object.fromEntries(
    config.optimizer.groups.map((group, i) => [groupLearningRateKey(i), `group ${i + 1}: ${describeFusionGroup(group)}`]),
  );
}
