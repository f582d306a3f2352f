import type { MetricSeries } from '../../../../shared/runs/runTypes.js';

/** One point of a metric series as the charts hold it. */
export type SeriesPoint = MetricSeries['points'][number];
