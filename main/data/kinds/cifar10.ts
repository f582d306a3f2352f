import { md5 } from '../download/publicDatasets.js';
import { cifarDatasetKind } from './cifarKind.js';

/** CIFAR-10's binary batches (the archive and MD5 sum of the CIFAR page). */
export const cifar10Data = cifarDatasetKind('cifar10', ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'], {
  title: 'CIFAR-10 (binary version)',
  baseUrl: 'https://www.cs.toronto.edu/~kriz',
  folder: 'cifar-10-batches-bin',
  unpack: true,
  files: [{ name: 'cifar-10-binary.tar.gz', checksum: md5('c32a1d4ab5d03f1284b67883e8d87530') }],
});
