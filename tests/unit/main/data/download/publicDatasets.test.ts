import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publicDatasets } from '../../../../../main/data/download/publicDatasets.js';
import { idxDatasetSources, idxFileRoles } from '../../../../../main/data/idxDatasetSources.js';
import { cifarVariant } from '../../../../../main/data/loadCifar.js';

describe('public datasets catalogue', () => {
  it('puts each download where the loaders look first', () => {
    assert.equal(publicDatasets['fashion-mnist'].folder, idxDatasetSources['fashion-mnist'].folder);
    assert.equal(publicDatasets.mnist.folder, idxDatasetSources.mnist.folder);
    assert.equal(publicDatasets.cifar10.folder, cifarVariant({ kind: 'cifar10' }).folders[0]);
    assert.equal(publicDatasets.cifar100.folder, cifarVariant({ kind: 'cifar100' }).folders[0]);
  });

  it('downloads the four IDX files the loaders need, gzipped, for Fashion-MNIST and MNIST', () => {
    const needed = Object.values(idxFileRoles).map((names) => `${names[0]}.gz`).sort();
    for (const kind of ['fashion-mnist', 'mnist'] as const) {
      assert.deepEqual(publicDatasets[kind].files.map((f) => f.name).sort(), needed, kind);
      assert.equal(publicDatasets[kind].unpack, false);
    }
    assert.equal(publicDatasets.cifar10.unpack, true);
  });

  it('has a well-formed published checksum for every file and an https or http address', () => {
    for (const dataset of Object.values(publicDatasets)) {
      assert.match(dataset.baseUrl, /^https?:\/\/[^/]+/);
      for (const file of dataset.files) {
        assert.match(file.checksum.hex, file.checksum.algorithm === 'md5' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{64}$/, file.name);
      }
    }
  });
});
