import { md5 } from '../download/publicDatasets.js';
import type { IdxDatasetSource } from '../idxDatasetSources.js';
import { idxDatasetKind } from './idxKind.js';

/** Where MNIST's IDX files may be: the data folder. */
export const mnistSource = {
  kind: 'mnist',
  title: 'MNIST',
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  folder: 'mnist',
  systemFolders: [],
} satisfies IdxDatasetSource;

export const mnistData = idxDatasetKind(mnistSource, {
  // LeCun's files on the mirror torchvision uses, with the sums torchvision lists.
  title: 'MNIST',
  baseUrl: 'https://ossci-datasets.s3.amazonaws.com/mnist',
  folder: 'mnist',
  unpack: false,
  files: [
    { name: 'train-images-idx3-ubyte.gz', checksum: md5('f68b3c2dcbeaaa9fbdd348bbdeb94873') },
    { name: 'train-labels-idx1-ubyte.gz', checksum: md5('d53e105ee54ea40749a09fcbcd1e9432') },
    { name: 't10k-images-idx3-ubyte.gz', checksum: md5('9fb629c4189551a2d022fa330f9573f3') },
    { name: 't10k-labels-idx1-ubyte.gz', checksum: md5('ec29112dd5afa0611ce80d1b7f02629c') },
  ],
});
