import type { DatasetSamples } from '../../shared/api/contract.js';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import { datasetKindData } from './datasetKindDataRegistry.js';
import { loadDataset } from './loadDataset.js';

/** Pixels in [0, 1] → bytes, as base64 (small enough to send a grid of them). */
function imageBytes(images: Float32Array, index: number, size: number): string {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, images[index * size + i])) * 255);
  return Buffer.from(bytes).toString('base64');
}

/**
 * The first samples of a dataset's training split for the Data page: images as raw 8-bit pixels
 * (channels last) with their class, or lines of text. Loads only what the limits allow.
 */
export async function sampleDataset(config: DatasetConfig, dataDir: string, count: number, options: { bundledDataDir?: string } = {}): Promise<DatasetSamples> {
  if (config.kind === 'surface') return { kind: config.kind, images: [], lines: [] };
  const trainLimit = datasetKindData(config.kind).sampleTrainLimit?.(count) ?? count;
  const limited = { ...config, trainLimit, testLimit: 1 } as DatasetConfig;
  const loaded = await loadDataset(limited, dataDir, options);
  switch (loaded.type) {
    case 'image': {
      const [height, width, channels] = loaded.data.shape;
      const size = height * width * channels;
      const n = Math.min(count, loaded.data.train.count);
      const images = Array.from({ length: n }, (_, i) => ({
        width,
        height,
        channels,
        pixels: imageBytes(loaded.data.train.images, i, size),
        label: loaded.data.classes[loaded.data.train.labels[i]] ?? String(loaded.data.train.labels[i]),
      }));
      return { kind: config.kind, images, lines: [] };
    }
    case 'text': {
      const { vocabulary, maxLength, train } = loaded.data;
      const lines = Array.from({ length: Math.min(count, train.count) }, (_, i) => {
        const ids = Array.from(train.tokens.subarray(i * maxLength, (i + 1) * maxLength)).filter((id) => id !== 0);
        return `[${loaded.data.classes[train.labels[i]] ?? train.labels[i]}] ${ids.map((id) => vocabulary[id]).join(' ')}`;
      });
      return { kind: config.kind, images: [], lines };
    }
    case 'language-model': {
      const { vocabulary, train, level } = loaded.data;
      const tokens = Array.from(train, (id) => vocabulary[id]);
      const text = level === 'char' ? tokens.join('') : tokens.join(' ').replaceAll(' <eos> ', '\n').replaceAll('<eos>', '');
      return { kind: config.kind, images: [], lines: text.split('\n').filter((l) => l.trim()).slice(0, count) };
    }
  }
}
