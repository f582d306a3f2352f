import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasetKindData, allDatasetKindData } from '../../../../../main/data/datasetKindDataRegistry.js';
import { idxFileRoles } from '../../../../../main/data/idxDatasetSources.js';
import { fashionMnistSource } from '../../../../../main/data/kinds/fashionMnist.js';
import { mnistSource } from '../../../../../main/data/kinds/mnist.js';
import { cifarVariant } from '../../../../../main/data/loadCifar.js';

const download = (kind: Parameters<typeof datasetKindData>[0]) => {
  const found = datasetKindData(kind).download;
  assert.ok(found, `${kind} has a download`);
  return found;
};

describe('public datasets catalogue', () => {
  it('offers downloads of exactly the public datasets', () => {
    assert.deepEqual(allDatasetKindData().filter((d) => d.download).map((d) => d.kind), ['fashion-mnist', 'mnist', 'cifar10', 'cifar100']);
  });

  it('puts each download where the loaders look first', () => {
    assert.equal(download('fashion-mnist').folder, fashionMnistSource.folder);
    assert.equal(download('mnist').folder, mnistSource.folder);
    assert.equal(download('cifar10').folder, cifarVariant({ kind: 'cifar10' }).folders[0]);
    assert.equal(download('cifar100').folder, cifarVariant({ kind: 'cifar100' }).folders[0]);
  });

  it('downloads the four IDX files the loaders need, gzipped, for Fashion-MNIST and MNIST', () => {
    const needed = Object.values(idxFileRoles).map((names) => `${names[0]}.gz`).sort();
    for (const kind of ['fashion-mnist', 'mnist'] as const) {
      assert.deepEqual(download(kind).files.map((f) => f.name).sort(), needed, kind);
      assert.equal(download(kind).unpack, false);
    }
    assert.equal(download('cifar10').unpack, true);
  });

  it('has a well-formed published checksum for every file and an https or http address', () => {
    for (const data of allDatasetKindData()) {
      if (!data.download) continue;
      assert.match(data.download.baseUrl, /^https?:\/\/[^/]+/);
      for (const file of data.download.files) {
        assert.match(file.checksum.hex, file.checksum.algorithm === 'md5' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{64}$/, file.name);
      }
    }
  });
});
