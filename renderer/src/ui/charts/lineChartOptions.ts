import type { Chart, ChartOptions, TooltipItem, TooltipModel } from 'chart.js';
import { tidyTicks, zoomOptions } from './tidyTicks.js';

/** What differs between the app's line charts; everything else is one set-up (`lineChartOptions`). */
export interface LineChartSettings {
  xTitle: string;
  yTitle: string;
  logY?: boolean;
  /** Most ticks on each axis (shared/charts/axisTicks.ts picks round values, decades on a log axis). */
  xTicks?: number;
  yTicks?: number;
  /** Zoom by dragging a box or turning the wheel; called when a zoom ends. Left out: no zoom. */
  onZoomComplete?: (chart: Chart) => void;
  /** The tooltip's title for the hovered points; left out: no title. */
  tooltipTitle?: (items: TooltipItem<'line'>[]) => string;
  /** Points of which datasets the tooltip leaves out (a band's edges, say). */
  tooltipFilter?: (item: TooltipItem<'line'>) => boolean;
  /**
   * Called with what the tooltip shows (its title and lines, joined by ` · `; empty when it hides), so
   * the page can say it in text too (a live region: the canvas tooltip is invisible to screen readers).
   */
  onTooltip?: (text: string) => void;
  /** Draw each line as the lowest and highest point of each pixel column (long series, no spike lost). */
  decimate?: boolean;
}

/** A hovered point's line as the tooltip says it: the dataset's label and the value as stored, every digit. */
export function exactValueLabel(item: TooltipItem<'line'>): string {
  return `${item.dataset.label}: ${String((item.raw as { y: number }).y)}`;
}

/**
 * The options every line chart of the app shares (run page, Compare, Playground): points handed over
 * as sorted {x, y} (no parsing, hover by binary search), no animation, the size of its box, hover by
 * the nearest x, axes ending where the data does with tidy ticks, the legend drawn by the page under
 * the canvas (it wraps and scrolls), and a tooltip that shows the exact values.
 */
export function lineChartOptions(settings: LineChartSettings): ChartOptions<'line'> {
  const onZoomComplete = settings.onZoomComplete;
  return {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: {
      x: { type: 'linear', bounds: 'data', title: { display: true, text: settings.xTitle }, ...tidyTicks(settings.xTicks ?? 8) },
      y: { type: settings.logY ? 'logarithmic' : 'linear', title: { display: true, text: settings.yTitle }, ...tidyTicks(settings.yTicks ?? 6) },
    },
    plugins: {
      legend: { display: false },
      ...(settings.decimate ? { decimation: { enabled: true, algorithm: 'min-max' as const } } : {}),
      ...(onZoomComplete ? { zoom: { ...zoomOptions, zoom: { ...zoomOptions.zoom, onZoomComplete: ({ chart }: { chart: Chart }) => onZoomComplete(chart) } } } : {}),
      tooltip: {
        ...(settings.tooltipFilter ? { filter: settings.tooltipFilter } : {}),
        ...(settings.onTooltip ? { external: ({ tooltip }: { tooltip: TooltipModel<'line'> }) => settings.onTooltip?.(tooltipText(tooltip)) } : {}),
        callbacks: { title: settings.tooltipTitle ?? (() => ''), label: exactValueLabel },
      },
    },
  };
}

/** The tooltip's title and lines as one line of text; empty while it is hidden. */
function tooltipText(tooltip: TooltipModel<'line'>): string {
  if (tooltip.opacity === 0) return '';
  return [...tooltip.title, ...tooltip.body.flatMap((b) => b.lines)].filter((t) => t !== '').join(' · ');
}
