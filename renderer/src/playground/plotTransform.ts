/** Maps between surface coordinates (x right, y up) and canvas pixels (y down) for a view window. */
export interface PlotFrame {
  view: [number, number, number, number];
  width: number;
  height: number;
}

export function toPixel(frame: PlotFrame, x: number, y: number): [number, number] {
  const [xMin, xMax, yMin, yMax] = frame.view;
  return [((x - xMin) / (xMax - xMin)) * frame.width, ((yMax - y) / (yMax - yMin)) * frame.height];
}

export function toData(frame: PlotFrame, px: number, py: number): [number, number] {
  const [xMin, xMax, yMin, yMax] = frame.view;
  return [xMin + (px / frame.width) * (xMax - xMin), yMax - (py / frame.height) * (yMax - yMin)];
}

/** A value rounded for display and for start points picked with the mouse (3 significant decimals of the view). */
export function roundToView(value: number, span: number): number {
  const digits = Math.max(0, 3 - Math.floor(Math.log10(span)));
  return Number(value.toFixed(digits));
}
