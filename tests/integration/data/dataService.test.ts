import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { datasetConfigSchema } from '../../../shared/config/datasetConfig.js';
import { DataService } from '../../../main/data/dataService.js';
import { listDatasets } from '../../../main/data/listDatasets.js';

describe('DataService (Data page)', () => {
  let dataDir = '';
  let service: DataService;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'optlab-data-'));
    service = new DataService({ dataDir, listDatasets: () => listDatasets(dataDir) });
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('lists every kind, marks the public ones downloadable and offers the bundled text for language modeling', async () => {
    const list = await service.listDatasets();
    assert.deepEqual(
      list.map((d) => d.kind).sort(),
      ['cifar10', 'cifar100', 'cola', 'fashion-mnist', 'image-folder', 'mnist', 'surface', 'text-csv', 'text-lm', 'tiny-imagenet'],
    );
    assert.deepEqual(list.filter((d) => d.downloadable).map((d) => d.kind).sort(), ['cifar10', 'cifar100', 'fashion-mnist', 'mnist']);
    const fashion = list.find((d) => d.kind === 'fashion-mnist')!;
    assert.equal(fashion.available, true);
    assert.equal(fashion.classes.length, 10);
    const preset = list.find((d) => d.kind === 'text-lm')!.presets?.[0];
    assert.ok(preset, 'a preset for text-lm');
    assert.equal(preset.config.level, 'char');
  });

  it('samples Fashion-MNIST images as 28×28 grey pixels with their class names', async () => {
    const samples = await service.getDatasetSamples({ dataset: datasetConfigSchema.parse({ kind: 'fashion-mnist' }), count: 12 });
    assert.equal(samples.images.length, 12);
    const first = samples.images[0];
    assert.deepEqual([first.width, first.height, first.channels], [28, 28, 1]);
    assert.equal(Buffer.from(first.pixels, 'base64').length, 28 * 28);
    assert.ok(Buffer.from(first.pixels, 'base64').some((b) => b > 0), 'not a blank image');
    assert.equal(first.label, 'Ankle boot');
  });

  it('samples the bundled text as lines through its preset', async () => {
    const list = await service.listDatasets();
    const preset = list.find((d) => d.kind === 'text-lm')!.presets![0];
    const samples = await service.getDatasetSamples({ dataset: datasetConfigSchema.parse({ kind: 'text-lm', ...preset.config }), count: 3 });
    assert.deepEqual(samples.lines, [
      'When in the Course of human events, it becomes necessary for one people',
      'to dissolve the political bands which have connected them with another,',
      'and to assume among the powers of the earth, the separate and equal',
    ]);
  });

  it('refuses a download from an address that does not answer, with a failed progress event', async () => {
    const events: string[] = [];
    const off = service.onProgress((p) => events.push(p.phase));
    await assert.rejects(service.downloadDataset({ kind: 'mnist', baseUrl: 'http://127.0.0.1:9/' }));
    off();
    assert.deepEqual(events, ['failed']);
  });
});
