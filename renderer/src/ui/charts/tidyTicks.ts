import type { Scale, Tick } from 'chart.js';
import { linearTicks, logTicks, tickLabels } from '../../../../shared/charts/axisTicks.js';

/**
 * Scale options that give a Chart.js axis the shared ticks (shared/charts/axisTicks.ts): round values
 * inside the drawn range, labels with enough digits and none twice, decades on a log axis.
 */
export function tidyTicks(maxTicks: number) {
  return {
    afterBuildTicks(scale: Scale): void {
      const values = scale.type === 'logarithmic' ? logTicks(scale.min, scale.max, maxTicks) : linearTicks(scale.min, scale.max, maxTicks);
      if (values.length > 0) scale.ticks = values.map((value) => ({ value }));
    },
    ticks: {
      autoSkip: false,
      callback(this: Scale, _value: number | string, index: number, ticks: Tick[]): string {
        return tickLabels(ticks.map((t) => t.value), this.type === 'logarithmic' ? 'log' : 'linear')[index] ?? '';
      },
    },
  };
}

/** The zoom plugin's options: drag a box or turn the wheel over the plot; double-click or Reset to go back. */
export const zoomOptions = {
  zoom: { wheel: { enabled: true }, drag: { enabled: true, backgroundColor: 'rgba(37, 99, 235, 0.12)' }, mode: 'xy' as const },
};
