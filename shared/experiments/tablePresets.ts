import { metricDirection } from './aggregateTrials.js';
import type { TableColumnInput, TableLayoutInput } from './tableLayout.js';

/**
 * Ready-made table layouts. `compact` (the default) fits a page column: the name, the fields that
 * tell the settings apart, n, and per metric the final value's mean ± std and the best trial's best
 * value. `paper-mas` reproduces seed 000's Tables 1–3 (Name, λa, λs, avg. acc, acc max in %, rows
 * grouped by model); `paper-fusion` seed 002's Table 3 (accuracy ± std, loss ± std, F1 ± std in %,
 * grouped by model and dataset); `statistics` every statistic of the final and best values. Pure.
 */

export const tablePresetIds = ['compact', 'paper-mas', 'paper-fusion', 'statistics'] as const;
export type TablePresetId = (typeof tablePresetIds)[number];

export const tablePresetTitles: Record<TablePresetId, string> = {
  compact: 'Compact (fits a page column)',
  'paper-mas': 'MAS paper, Tables 1–3 (Name, λa, λs, avg. acc, acc max %)',
  'paper-fusion': 'Fusion paper, Table 3 (accuracy, loss, F1 ± std)',
  statistics: 'Every statistic (mean, std, min, max of final and best)',
};

const isRate = (metric: string) => /accuracy|acc\b|f1/i.test(metric);

/** A preset's layout for the metrics asked (the first is the one paper presets tabulate besides their own). */
export function presetLayout(id: TablePresetId, metrics: readonly string[]): TableLayoutInput {
  switch (id) {
    case 'compact':
      return {
        columns: [
          { kind: 'name' },
          { kind: 'swept' },
          { kind: 'trials' },
          ...metrics.flatMap((metric): TableColumnInput[] => [
            { kind: 'metric', metric, of: 'final', stat: 'meanStd', header: `${shortMetric(metric)}${isRate(metric) ? ' (%)' : ''}`, percent: isRate(metric) },
            { kind: 'metric', metric, of: 'best', stat: metricDirection(metric), header: `best${isRate(metric) ? ' (%)' : ''}`, percent: isRate(metric) },
          ]),
        ],
        digits: 2,
      };
    case 'paper-mas': {
      const metric = metrics.find(isRate) ?? 'test/accuracy';
      return {
        columns: [
          { kind: 'name', source: 'optimizer' },
          { kind: 'param', path: 'optimizer.lambdaAdam', header: 'λa', baselineWeights: true },
          { kind: 'param', path: 'optimizer.lambdaSgd', header: 'λs', baselineWeights: true },
          { kind: 'metric', metric, of: 'final', stat: 'mean', header: 'avg. acc', percent: true },
          { kind: 'metric', metric, of: 'final', stat: 'max', header: 'acc max', percent: true },
        ],
        groupBy: ['model'],
        digits: 2,
        caption: 'Accuracy results on {dataset}, after {trials} runs of {epochs} epochs.',
      };
    }
    case 'paper-fusion':
      return {
        columns: [
          { kind: 'name', source: 'optimizer', header: 'Optimizer' },
          { kind: 'metric', metric: 'test/accuracy', of: 'final', stat: 'meanStd', header: 'Accuracy (%)', percent: true },
          { kind: 'metric', metric: 'test/loss', of: 'final', stat: 'meanStd', header: 'Loss', digits: 4 },
          { kind: 'metric', metric: 'test/macro_f1', of: 'final', stat: 'meanStd', header: 'F1-score (%)', percent: true },
        ],
        groupBy: ['model', 'dataset'],
        digits: 2,
        caption: 'Comparison of optimizers (mean ± std over {trials} runs).',
      };
    case 'statistics':
      return {
        columns: [
          { kind: 'name' },
          { kind: 'swept' },
          { kind: 'trials' },
          ...metrics.flatMap((metric) => (['final', 'best'] as const).flatMap((of) => (['mean', 'std', 'min', 'max'] as const).map((stat) => ({ kind: 'metric' as const, metric, of, stat })))),
        ],
      };
  }
}

/** A metric's short header: its last part, `test/accuracy` → `accuracy`, the split kept when it is not `test`. */
function shortMetric(metric: string): string {
  const [split, name] = metric.includes('/') ? metric.split('/', 2) : ['', metric];
  return split === 'test' || split === '' ? name : `${split} ${name}`;
}
