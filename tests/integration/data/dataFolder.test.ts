import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DownloadProgressEvent } from '../../../shared/api/contract.js';
import { DataService } from '../../../main/data/dataService.js';
import { dataSettingsFile, readDataSettings } from '../../../main/data/dataFolder.js';
import { listDatasets } from '../../../main/data/listDatasets.js';
import { createAppServices } from '../../../main/app/createAppServices.js';

const cifarFixture = path.resolve('tests/fixtures/data/cifar-10-batches-bin');

describe('managed data folder: settings and import', () => {
  let work = '';
  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'optlab-datafolder-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('imports the CIFAR-10 batches from another folder into the data folder, with progress in bytes; the list then finds them there', async () => {
    const dataDir = path.join(work, 'data-a');
    const service = new DataService({ dataDir, listDatasets: () => listDatasets(dataDir) });
    const events: DownloadProgressEvent[] = [];
    service.onProgress((p) => events.push(p));
    const result = await service.importDataset({ kind: 'cifar10', from: cifarFixture });
    assert.equal(result.folder, path.join(dataDir, 'cifar-10-batches-bin'));
    const names = (await readdir(result.folder)).sort();
    assert.deepEqual(names, ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin']);
    for (const name of names) assert.deepEqual(await readFile(path.join(result.folder, name)), await readFile(path.join(cifarFixture, name)));
    const last = events.at(-1)!;
    assert.equal(last.phase, 'done');
    assert.equal(last.received, last.total);
    assert.deepEqual(events.filter((e) => e.phase === 'importing').map((e) => e.fileIndex), [1, 2, 3, 4, 5, 6]);
    const cifar = (await service.listDatasets()).find((d) => d.kind === 'cifar10')!;
    assert.equal(cifar.available, true);
    assert.match(cifar.source, /data-a/);
  });

  it('refuses a folder without the dataset, naming what is missing, and copies nothing', async () => {
    const dataDir = path.join(work, 'data-b');
    const empty = path.join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const service = new DataService({ dataDir, listDatasets: () => listDatasets(dataDir) });
    await assert.rejects(service.importDataset({ kind: 'mnist', from: empty }), /no MNIST files here \(missing train-images-idx3-ubyte/);
    await assert.rejects(readdir(dataDir), { code: 'ENOENT' });
  });

  it('stores a chosen data folder beside the database; the next start uses it; a bad setting is refused', async () => {
    const dbPath = path.join(work, 'app.db');
    const chosen = path.join(work, 'chosen-data');
    const first = createAppServices({ dbPath, dataDir: path.join(work, 'default-data'), mode: 'browser', recoverInterrupted: false });
    try {
      const view = await first.handlers.setDataFolder({ dataDir: chosen });
      assert.deepEqual(view, { dataDir: path.join(work, 'default-data'), configured: chosen, restartNeeded: true, settingsFile: dataSettingsFile(dbPath), problem: null });
      await assert.rejects(first.handlers.setDataFolder({ dataDir: 'relative/path' }), /absolute path/);
      assert.deepEqual(readDataSettings(dataSettingsFile(dbPath)).settings, { dataDir: chosen });
    } finally {
      await first.close();
    }
    const second = createAppServices({ dbPath, dataDir: path.join(work, 'default-data'), mode: 'browser', recoverInterrupted: false });
    try {
      assert.equal((await second.handlers.getSystemInfo({})).dataDir, chosen);
      assert.equal((await second.handlers.getDataSettings({})).restartNeeded, false);
      await second.handlers.setDataFolder({ dataDir: null });
    } finally {
      await second.close();
    }
    // A settings file that is not valid is not used; the app starts with the given folder and says why.
    await writeFile(dataSettingsFile(dbPath), '{"dataDir": 42}');
    const third = createAppServices({ dbPath, dataDir: path.join(work, 'default-data'), mode: 'browser', recoverInterrupted: false });
    try {
      const view = await third.handlers.getDataSettings({});
      assert.equal(view.dataDir, path.join(work, 'default-data'));
      assert.match(view.problem ?? '', /dataDir/);
    } finally {
      await third.close();
    }
  });
});
