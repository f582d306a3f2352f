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
