import { z } from 'zod';
import { tableLayoutSchema, type TableColumnInput, type TableLayoutInput } from '../../../shared/experiments/tableLayout.js';
import { presetLayout, tablePresetIds, type TablePresetId } from '../../../shared/experiments/tablePresets.js';
import { loadChartSettings, saveChartSettings } from '../ui/charts/chartSettings.js';

const settingsId = 'compare-table';
const choiceSchema = z.strictObject({ preset: z.enum([...tablePresetIds, 'custom']), custom: tableLayoutSchema });
type Choice = z.infer<typeof choiceSchema>;

/**
 * Which results table Compare shows: a preset for the chosen metric, or a layout edited from one
 * (columns, formats, row groups, caption, label), remembered across pages and restarts.
 */
export class TableLayoutChoice {
  preset = $state<TablePresetId | 'custom'>('compact');
  custom = $state.raw<TableLayoutInput>(presetLayout('compact', ['test/accuracy']));

  constructor() {
    const saved = loadChartSettings<typeof choiceSchema>(settingsId, choiceSchema, { preset: 'compact', custom: tableLayoutSchema.parse(presetLayout('compact', ['test/accuracy'])) });
    this.preset = saved.preset;
    this.custom = saved.custom;
  }

  /** The layout shown for a metric: the preset's for it, or the edited one. */
  layoutFor(metric: string): TableLayoutInput {
    return this.preset === 'custom' ? this.custom : presetLayout(this.preset, metric ? [metric] : []);
  }

  /** What to ask `getResultsTable` for. */
  request(metric: string, isEpochMetric: boolean): { preset: TablePresetId; metrics?: string[] } | { layout: TableLayoutInput } {
    if (this.preset === 'custom') return { layout: this.custom };
    return { preset: this.preset, ...(isEpochMetric ? { metrics: [metric] } : {}) };
  }

  choose(preset: TablePresetId | 'custom', metric: string): void {
    if (preset === 'custom') this.custom = structuredClone(this.layoutFor(metric));
    this.preset = preset;
    this.save();
  }

  /** Changes the layout shown (a preset's becomes an edited copy). */
  edit(metric: string, change: (layout: TableLayoutInput) => TableLayoutInput): void {
    this.custom = change(structuredClone(this.layoutFor(metric)));
    this.preset = 'custom';
    this.save();
  }

  editColumn(metric: string, index: number, change: Partial<TableColumnInput>): void {
    this.edit(metric, (layout) => ({ ...layout, columns: layout.columns.map((c, i) => (i === index ? ({ ...c, ...change } as TableColumnInput) : c)) }));
  }

  moveColumn(metric: string, index: number, by: -1 | 1): void {
    this.edit(metric, (layout) => {
      const columns = [...layout.columns];
      const to = index + by;
      if (to < 0 || to >= columns.length) return layout;
      [columns[index], columns[to]] = [columns[to], columns[index]];
      return { ...layout, columns };
    });
  }

  private save(): void {
    const parsed = choiceSchema.safeParse({ preset: this.preset, custom: this.custom } satisfies Choice | { custom: TableLayoutInput; preset: Choice['preset'] });
    if (parsed.success) saveChartSettings(settingsId, parsed.data);
  }
}
