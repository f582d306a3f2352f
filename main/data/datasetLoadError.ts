/** A dataset could not be loaded; the message says which one, which file and what is wrong. */
export class DatasetLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetLoadError';
  }
}
