import type { z } from 'zod';

/**
 * Chart settings (x-axis, smoothing, log scale, hidden series) kept per chart in localStorage, so a
 * chart looks the same after navigating away and after a restart. What is read back is validated:
 * a damaged or outdated entry is ignored and the defaults are used.
 */
const prefix = 'optlab.chart.';

export function loadChartSettings<S extends z.ZodType>(id: string, schema: S, defaults: z.infer<S>): z.infer<S> {
  try {
    const text = globalThis.localStorage?.getItem(prefix + id);
    if (!text) return defaults;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

export function saveChartSettings(id: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(prefix + id, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the settings last until the page closes.
  }
}
