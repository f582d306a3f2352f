/** A file of a public dataset, with the checksum its publishers give for it. */
export interface PublicFile {
  name: string;
  checksum: { algorithm: 'md5' | 'sha256'; hex: string };
}

/** A public dataset the app can download into its data folder. */
export interface PublicDataset {
  kind: 'fashion-mnist' | 'mnist' | 'cifar10' | 'cifar100';
  title: string;
  /** Where the files are published; each file is `<baseUrl>/<name>` (overridable for mirrors and tests). */
  baseUrl: string;
  /** The folder of the data folder the files go to (the loaders look there). */
  folder: string;
  files: PublicFile[];
  /** A .tar.gz archive unpacked into the data folder after its check (its top folder is `folder`). */
  unpack: boolean;
}

const md5 = (hex: string) => ({ algorithm: 'md5' as const, hex });

/** The official sources and the MD5 sums published with them (Zalando's README, LeCun's mirror as torchvision lists it, the CIFAR page). */
export const publicDatasets: Record<PublicDataset['kind'], PublicDataset> = {
  'fashion-mnist': {
    kind: 'fashion-mnist',
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
  },
  mnist: {
    kind: 'mnist',
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
  },
  cifar10: {
    kind: 'cifar10',
    title: 'CIFAR-10 (binary version)',
    baseUrl: 'https://www.cs.toronto.edu/~kriz',
    folder: 'cifar-10-batches-bin',
    unpack: true,
    files: [{ name: 'cifar-10-binary.tar.gz', checksum: md5('c32a1d4ab5d03f1284b67883e8d87530') }],
  },
  cifar100: {
    kind: 'cifar100',
    title: 'CIFAR-100 (binary version)',
    baseUrl: 'https://www.cs.toronto.edu/~kriz',
    folder: 'cifar-100-binary',
    unpack: true,
    files: [{ name: 'cifar-100-binary.tar.gz', checksum: md5('03b5dce01913d631647c71ecec9e9cb8') }],
  },
};

export function isPublicDatasetKind(kind: string): kind is PublicDataset['kind'] {
  return Object.hasOwn(publicDatasets, kind);
}
