import { md5 } from '../download/publicDatasets.js';
import type { IdxDatasetSource } from '../idxDatasetSources.js';
import { idxDatasetKind } from './idxKind.js';

/** Where Fashion-MNIST's IDX files may be: the data folder, Debian's dataset-fashion-mnist package, the bundled subset. */
export const fashionMnistSource = {
  kind: 'fashion-mnist',
  title: 'Fashion-MNIST',
  classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  folder: 'fashion-mnist',
  systemFolders: ['fashion-mnist'],
  bundledFolder: 'fashion-mnist-subset',
} satisfies IdxDatasetSource;

export const fashionMnistData = idxDatasetKind(fashionMnistSource, {
  // The sums of Zalando's README.
  title: 'Fashion-MNIST',
  baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com',
  folder: 'fashion-mnist',
  unpack: false,
  files: [
    { name: 'train-images-idx3-ubyte.gz', checksum: md5('8d4fb7e6c68d591d4c3dfef9ec88bf0d') },
    { name: 'train-labels-idx1-ubyte.gz', checksum: md5('25c81989df183df01b3e8a0aad5dffbe') },
    { name: 't10k-images-idx3-ubyte.gz', checksum: md5('bef4ecab320f06d8554ea6380940ec79') },
    { name: 't10k-labels-idx1-ubyte.gz', checksum: md5('bb300cfdad3c16e7a12a480ee83cd310') },
  ],
});
