/** Fraction of predictions equal to the labels (0 for no samples). */
export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (truth.length !== predicted.length) throw new Error(`accuracy: ${truth.length} labels but ${predicted.length} predictions`);
  if (truth.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct += 1;
  return correct / truth.length;
}
