import { metricKeys } from '../../../shared/runs/runTypes.js';
import type { SeriesPoint } from '../lib/seriesPoint.js';

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
  { key: metricKeys.distanceToMinimum, label: 'distance to minimum', color: '#7c3aed', perStep: true },
  { key: metricKeys.lr, label: 'learning rate', color: '#059669', perStep: true },
];

const chartGroups: { id: string; title: string; yLabel: string; allowLog: boolean; allowSmoothing: boolean; keys: string[] }[] = [
  { id: 'loss', title: 'Loss', yLabel: 'loss', allowLog: true, allowSmoothing: true, keys: [metricKeys.trainLossStep, metricKeys.trainLoss, metricKeys.testLoss] },
  { id: 'accuracy', title: 'Accuracy', yLabel: 'accuracy', allowLog: false, allowSmoothing: false, keys: [metricKeys.trainAccuracy, metricKeys.testAccuracy] },
  { id: 'distance', title: 'Distance to the minimum', yLabel: 'distance', allowLog: true, allowSmoothing: false, keys: [metricKeys.distanceToMinimum] },
  { id: 'lr', title: 'Learning rate', yLabel: 'η', allowLog: true, allowSmoothing: false, keys: [metricKeys.lr] },
];

/**
 * The charts of a run page, each with its lines; a chart shows when the run is expected to record
 * one of its series (`expected`) or has recorded one.
 */
export function runCharts(series: Record<string, SeriesPoint[]>, expected: ReadonlySet<string>): ChartSpec[] {
  const specs: ChartSpec[] = [];
  for (const group of chartGroups) {
    const keys = group.keys.filter((key) => expected.has(key) || (series[key]?.length ?? 0) > 0);
    if (keys.length === 0) continue;
    const lines = keys.map((key) => {
      const style = lineStyles.find((s) => s.key === key) ?? { key, label: key, color: '#6b7280', perStep: true };
      const points = series[key] ?? [];
      // Drawn by what was recorded: per-epoch points get markers, per-step ones a thin line.
      const perStep = points.length > 0 ? points.some((p) => p.epoch === 0) : style.perStep;
      return { ...style, perStep, points };
    });
    specs.push({ id: group.id, title: group.title, yLabel: group.yLabel, allowLog: group.allowLog, allowSmoothing: group.allowSmoothing, lines });
  }
  return specs;
}

/** The series a run of this dataset kind records. */
export function expectedSeries(datasetKind: string): Set<string> {
  if (datasetKind === 'surface') return new Set([metricKeys.trainLossStep, metricKeys.trainLoss, metricKeys.distanceToMinimum, metricKeys.lr]);
  return new Set([metricKeys.trainLossStep, metricKeys.trainLoss, metricKeys.testLoss, metricKeys.trainAccuracy, metricKeys.testAccuracy, metricKeys.lr]);
}
