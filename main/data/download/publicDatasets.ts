/** A file of a public dataset, with the checksum its publishers give for it. */
export interface PublicFile {
  name: string;
  checksum: { algorithm: 'md5' | 'sha256'; hex: string };
}

/** A public dataset the app can download into its data folder (a dataset kind's `download`, main/data/kinds/). */
export interface PublicDataset {
  title: string;
  /** Where the files are published; each file is `<baseUrl>/<name>` (overridable for mirrors and tests). */
  baseUrl: string;
  /** The folder of the data folder the files go to (the loaders look there). */
  folder: string;
  files: PublicFile[];
  /** A .tar.gz archive unpacked into the data folder after its check (its top folder is `folder`). */
  unpack: boolean;
}

export const md5 = (hex: string) => ({ algorithm: 'md5' as const, hex });

