/** A classification dataset held in memory, images as float32 in [0, 1], channels last. */
export interface ImageSplit {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface ImageDataset {
  name: string;
  classes: string[];
  /** [height, width, channels] */
  shape: [number, number, number];
  train: ImageSplit;
  test: ImageSplit;
}

/** Text classification samples as token ids, `tokens` holding [count, maxLength] row-major (0 = padding). */
export interface TokenSplit {
  tokens: Int32Array;
  labels: Int32Array;
  count: number;
}

export interface TextClassificationDataset {
  name: string;
  classes: string[];
  /** Token strings by id: 0 is padding, 1 the unknown token. */
  vocabulary: string[];
  maxLength: number;
  train: TokenSplit;
  test: TokenSplit;
}

/** A language-modeling corpus as token-id streams (PTB style: `<eos>` ends each line at word level). */
export interface LanguageModelDataset {
  name: string;
  level: 'word' | 'char';
  /** Token strings by id; `<unk>` is always present. */
  vocabulary: string[];
  seqLength: number;
  train: Int32Array;
  valid: Int32Array;
  test: Int32Array;
}

/** Any dataset a run can load, tagged by how it is trained. */
export type LoadedDataset =
  | { type: 'image'; data: ImageDataset }
  | { type: 'text'; data: TextClassificationDataset }
  | { type: 'language-model'; data: LanguageModelDataset };
