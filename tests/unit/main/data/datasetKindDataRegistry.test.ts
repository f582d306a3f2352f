import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { datasetKinds } from '../../../../shared/config/datasetConfig.js';
import { allDatasetKindData, datasetKindData } from '../../../../main/data/datasetKindDataRegistry.js';
import { listDatasets } from '../../../../main/data/listDatasets.js';
import { loadDataset } from '../../../../main/data/loadDataset.js';

test('every dataset kind of the shared registry has its main half, in menu order', () => {
  assert.deepEqual(allDatasetKindData().map((d) => d.kind), datasetKinds);
  for (const kind of datasetKinds) assert.equal(datasetKindData(kind).kind, kind);
});

test('the Data page lists one card per kind, in menu order, each from its kind’s main half', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'optlab-kinds-'));
  try {
    const list = await listDatasets(path.join(dir, 'data'), { bundledDataDir: path.join(dir, 'none') });
    assert.deepEqual(list.map((d) => d.kind), datasetKinds);
    // Public data not found says where it looked; path kinds and surfaces are always offered.
    assert.equal(list.find((d) => d.kind === 'mnist')?.available, false);
    assert.equal(list.find((d) => d.kind === 'text-csv')?.available, true);
    assert.equal(list.find((d) => d.kind === 'surface')?.available, true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a kind without data to load is refused by name', async () => {
  await assert.rejects(loadDataset({ kind: 'surface', surface: 'rosenbrock' } as never, tmpdir()), /dataset kind 'surface' \(Toy surface\) has no data to load/);
});
