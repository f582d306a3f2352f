/**
 * Confusion matrix of integer class labels: `matrix[t * classes + p]` counts samples of true class t
 * predicted as p (rows are truth, as sklearn's confusion_matrix).
 */
export interface ConfusionMatrix {
  classes: number;
  matrix: Int32Array;
}

export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ConfusionMatrix {
  if (truth.length !== predicted.length) {
    throw new Error(`confusionMatrix: ${truth.length} labels but ${predicted.length} predictions`);
  }
  const matrix = new Int32Array(classes * classes);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    if (!(t >= 0 && t < classes && Number.isInteger(t))) throw new Error(`confusionMatrix: label ${t} at ${i} is not a class 0..${classes - 1}`);
    if (!(p >= 0 && p < classes && Number.isInteger(p))) throw new Error(`confusionMatrix: prediction ${p} at ${i} is not a class 0..${classes - 1}`);
    matrix[t * classes + p] += 1;
  }
  return { classes, matrix };
}

/** Index of the largest of each row of `logits` ([rows, classes], row-major): predicted classes. */
export function argmaxRows(logits: ArrayLike<number>, classes: number): Int32Array {
  const rows = Math.floor(logits.length / classes);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = logits[r * classes + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
