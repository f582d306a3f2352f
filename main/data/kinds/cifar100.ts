import { md5 } from '../download/publicDatasets.js';
import { cifarDatasetKind } from './cifarKind.js';

/** CIFAR-100's binary batches (the archive and MD5 sum of the CIFAR page); its class names come with the files. */
export const cifar100Data = cifarDatasetKind('cifar100', [], {
  title: 'CIFAR-100 (binary version)',
  baseUrl: 'https://www.cs.toronto.edu/~kriz',
  folder: 'cifar-100-binary',
  unpack: true,
  files: [{ name: 'cifar-100-binary.tar.gz', checksum: md5('03b5dce01913d631647c71ecec9e9cb8') }],
});
