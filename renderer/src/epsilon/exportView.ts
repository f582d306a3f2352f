/** Saving the plots the ε view shows as SVG or PNG. */
import { downloadBlob, downloadText } from '../ui/download.js';

/**
 * One SVG document holding every plot (`svg` element) inside `root`, laid out as on screen (each at
 * its on-screen position and size), on a white background.
 */
export function composeSvg(root: HTMLElement): { svg: string; width: number; height: number } {
  const origin = root.getBoundingClientRect();
  const parts: string[] = [];
  let width = 0;
  let height = 0;
  for (const svg of root.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const x = box.left - origin.left;
    const y = box.top - origin.top;
    width = Math.max(width, x + box.width);
    height = Math.max(height, y + box.height);
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', String(y));
    clone.setAttribute('width', String(box.width));
    clone.setAttribute('height', String(box.height));
    clone.removeAttribute('style');
    clone.removeAttribute('tabindex');
    parts.push(new XMLSerializer().serializeToString(clone));
  }
  width = Math.ceil(width);
  height = Math.ceil(height);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}

export function downloadSvg(root: HTMLElement, fileName: string): void {
  downloadText(fileName, composeSvg(root).svg, 'image/svg+xml');
}

/** Renders the composed SVG on a canvas (at `scale`× for sharpness) and saves it as PNG. */
export async function downloadPng(root: HTMLElement, fileName: string, scale = 2): Promise<void> {
  const { svg, width, height } = composeSvg(root);
  const image = new Image();
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, width * scale);
  canvas.height = Math.max(1, height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('Could not encode the PNG');
  downloadBlob(fileName, blob);
}
