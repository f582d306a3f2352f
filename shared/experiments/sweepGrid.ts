import { optimizerCatalog } from '../ml/optim/optimizerCatalog.js';
import { getPath, setPath } from './configPath.js';
import type { ExperimentConfig, FieldAxis, LinkedField, SweepAxis, SweepOption } from './experimentConfig.js';

/**
 * The grid of an experiment's sweep, pure: each axis's values (listed, or generated from a range or a
 * log range), options with grids of their own, linked fields, and a label per point ("MAS 0.3/0.7").
 */

/** A point of the grid: what to set in the base config (in order), what to record, and its label. */
export interface GridPoint {
  /** Values to set, by dotted path, in order (an option's whole value before the fields of its grid). */
  assignments: [string, unknown][];
  /** The swept fields' values by dotted path, as stored on the runs (`optimizer.type`, `optimizer.lambdaAdam`). */
  values: Record<string, unknown>;
  /** Parts of the label, one per axis (and linked field outside options). */
  labelParts: string[];
}

/** Rounded to 12 significant digits, so 0.1 + 0.2 is 0.3 and 1 − 0.7 is 0.3, as a person would write them. */
export function tidyNumber(value: number): number {
  return Number(value.toPrecision(12));
}

/** The values of a field axis: listed, or generated. */
export function fieldAxisValues(axis: FieldAxis): unknown[] {
  if ('values' in axis) return axis.values;
  if ('range' in axis) {
    const { from, to, step } = axis.range;
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    return Array.from({ length: count }, (_, i) => tidyNumber(from + i * step));
  }
  const { from, to, count } = axis.logRange;
  const [a, b] = [Math.log10(from), Math.log10(to)];
  return Array.from({ length: count }, (_, i) => tidyNumber(10 ** (a + ((b - a) * i) / (count - 1))));
}

/** How many rows an axis contributes to the grid. */
export function axisRowCount(axis: SweepAxis): number {
  if ('paths' in axis) return axis.values.length;
  if ('options' in axis) return axis.options.reduce((n, option) => n + option.axes.reduce((m, sub) => m * fieldAxisValues(sub).length, 1), 0);
  return fieldAxisValues(axis).length;
}

/** The number of settings (grid points) of a sweep. */
export function gridSize(sweep: ExperimentConfig['sweep']): number {
  return sweep.axes.reduce((n, axis) => n * axisRowCount(axis), 1);
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(tidyNumber(value));
  if (typeof value === 'string') return value;
  // A whole section, e.g. an optimizer: its type, then its other fields.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value)
      .map(([k, v]) => (k === 'type' || k === 'kind' ? formatValue(v) : `${k}=${formatValue(v)}`))
      .join(' ');
  }
  return JSON.stringify(value);
}

const lastPart = (path: string) => path.split('.').at(-1) ?? path;

/** The title of a section's value: an optimizer's title ("MAS"), else its type or kind. */
export function optionTitle(value: Record<string, unknown>): string {
  const tag = value.type ?? value.kind;
  if (typeof tag !== 'string') return formatValue(value);
  return optimizerCatalog.find((d) => d.type === tag)?.title ?? tag;
}

/** A linked field's value: offset + scale · source, or an error text when the source is not a number. */
export function linkedValue(link: LinkedField, source: unknown): number | { error: string } {
  if (typeof source !== 'number') return { error: `${link.from} is ${JSON.stringify(source)}, not a number` };
  return tidyNumber(link.offset + link.scale * source);
}

/** The points of one option: its value over its own grid, with its linked fields. */
function optionPoints(path: string, option: SweepOption, problems: string[]): GridPoint[] {
  let subPoints: [string, unknown][][] = [[]];
  for (const sub of option.axes) {
    const values = fieldAxisValues(sub);
    subPoints = subPoints.flatMap((point) => values.map((v) => [...point, [sub.path, v] as [string, unknown]]));
  }
  const title = option.label ?? optionTitle(option.value);
  const tag = 'type' in option.value ? 'type' : 'kind' in option.value ? 'kind' : null;
  return subPoints.map((sub) => {
    let value: Record<string, unknown> = structuredClone(option.value);
    for (const [subPath, v] of sub) value = setPath(value, subPath, v);
    const shown: [string, unknown][] = [...sub];
    for (const link of option.linked) {
      const computed = linkedValue(link, getPath(value, link.from));
      if (typeof computed !== 'number') {
        problems.push(`${title}: ${computed.error}`);
        continue;
      }
      value = setPath(value, link.path, computed);
      shown.push([link.path, computed]);
    }
    const values: Record<string, unknown> = tag ? { [`${path}.${tag}`]: value[tag] } : shown.length === 0 ? { [path]: value } : {};
    for (const [subPath, v] of shown) values[`${path}.${subPath}`] = v;
    const label = shown.length > 0 ? `${title} ${shown.map(([, v]) => formatValue(v)).join('/')}` : title;
    return { assignments: [[path, value]], values, labelParts: [label] };
  });
}

/** The rows of one axis. */
function axisPoints(axis: SweepAxis, problems: string[]): GridPoint[] {
  if ('options' in axis) return axis.options.flatMap((option) => optionPoints(axis.path, option, problems));
  if ('paths' in axis) {
    return axis.values.map((row) => {
      const assignments = axis.paths.map((p, i): [string, unknown] => [p, row[i]]);
      return { assignments, values: Object.fromEntries(assignments), labelParts: assignments.map(([p, v]) => fieldLabel(p, v)) };
    });
  }
  return fieldAxisValues(axis).map((v) => ({ assignments: [[axis.path, v]], values: { [axis.path]: v }, labelParts: [fieldLabel(axis.path, v)] }));
}

function fieldLabel(path: string, value: unknown): string {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? formatValue(value) : `${lastPart(path)}=${formatValue(value)}`;
}

/**
 * Every combination of the axes' rows (the first axis changes slowest). Problems found on the way
 * (an option's linked field whose source is not a number) are pushed to `problems`.
 */
export function gridPoints(sweep: ExperimentConfig['sweep'], problems: string[] = []): GridPoint[] {
  let points: GridPoint[] = [{ assignments: [], values: {}, labelParts: [] }];
  for (const axis of sweep.axes) {
    const rows = axisPoints(axis, problems);
    points = points.flatMap((point) =>
      rows.map((row) => ({
        assignments: [...point.assignments, ...row.assignments],
        values: { ...point.values, ...row.values },
        labelParts: [...point.labelParts, ...row.labelParts],
      })),
    );
  }
  return points;
}

/** The dotted paths an axis sets in the base config (an options axis sets its whole section). */
export function axisPaths(axis: SweepAxis): string[] {
  return 'paths' in axis ? axis.paths : [axis.path];
}
