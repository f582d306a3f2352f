import jpeg from 'jpeg-js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a small Tiny ImageNet in its standard layout (tiny-imagenet-200/): wnids.txt, words.txt,
 * train/<wnid>/images/<wnid>_<i>.JPEG and train/<wnid>/<wnid>_boxes.txt, val/images/val_<i>.JPEG with
 * val/val_annotations.txt. Each class is a colour (class c: a hue of its own) with a seeded pattern,
 * so a model can tell the classes apart. Returns the folder and the wnids in order.
 */
export function writeTinyImagenetFixture(root: string, options: { classes?: number; trainPerClass?: number; valPerClass?: number; size?: number } = {}): { dir: string; wnids: string[] } {
  const { classes = 3, trainPerClass = 4, valPerClass = 2, size = 16 } = options;
  const dir = path.join(root, 'tiny-imagenet-200');
  const wnids = Array.from({ length: classes }, (_, c) => `n0${(1440764 + c * 1111).toString().padStart(7, '0')}`);
  mkdirSync(path.join(dir, 'val', 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'wnids.txt'), `${wnids.join('\n')}\n`);
  writeFileSync(path.join(dir, 'words.txt'), wnids.map((w, c) => `${w}\tclass ${c}, other name`).join('\n'));
  const image = (c: number, i: number) => {
    const data = Buffer.alloc(size * size * 4);
    for (let p = 0; p < size * size; p++) {
      const stripe = ((p % size) + Math.floor(p / size) + i) % 4 < 2 ? 40 : 0;
      data[p * 4] = (c * 97) % 256;
      data[p * 4 + 1] = Math.min(255, ((c * 53) % 200) + stripe);
      data[p * 4 + 2] = (255 - c * 71) % 256;
      data[p * 4 + 3] = 255;
    }
    return jpeg.encode({ data, width: size, height: size }, 95).data;
  };
  wnids.forEach((wnid, c) => {
    const images = path.join(dir, 'train', wnid, 'images');
    mkdirSync(images, { recursive: true });
    const boxes: string[] = [];
    for (let i = 0; i < trainPerClass; i++) {
      writeFileSync(path.join(images, `${wnid}_${i}.JPEG`), image(c, i));
      boxes.push(`${wnid}_${i}.JPEG\t0\t0\t${size - 1}\t${size - 1}`);
    }
    writeFileSync(path.join(dir, 'train', wnid, `${wnid}_boxes.txt`), boxes.join('\n'));
  });
  const annotations: string[] = [];
  let n = 0;
  for (let i = 0; i < valPerClass; i++) {
    wnids.forEach((wnid, c) => {
      const file = `val_${n++}.JPEG`;
      writeFileSync(path.join(dir, 'val', 'images', file), image(c, 100 + i));
      annotations.push(`${file}\t${wnid}\t0\t0\t${size - 1}\t${size - 1}`);
    });
  }
  writeFileSync(path.join(dir, 'val', 'val_annotations.txt'), `${annotations.join('\n')}\n`);
  return { dir, wnids };
}
