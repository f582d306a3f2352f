import type { ConfusionMatrix } from './confusionMatrix.js';

/**
 * Per-class F1 = 2·TP / (2·TP + FP + FN) from a confusion matrix; NaN for a class that is neither in
 * the labels nor in the predictions.
 */
export function perClassF1({ classes, matrix }: ConfusionMatrix): number[] {
  const f1: number[] = [];
  for (let c = 0; c < classes; c++) {
    const tp = matrix[c * classes + c];
    let fp = 0;
    let fn = 0;
    for (let k = 0; k < classes; k++) {
      if (k === c) continue;
      fp += matrix[k * classes + c];
      fn += matrix[c * classes + k];
    }
    const denominator = 2 * tp + fp + fn;
    f1.push(denominator === 0 ? NaN : (2 * tp) / denominator);
  }
  return f1;
}

/**
 * Macro-F1: the unweighted mean of per-class F1 over the classes present in the labels or the
 * predictions (sklearn's f1_score(average='macro') without an explicit label list; a class that is
 * predicted but never correct counts as 0). 0 when there are no samples.
 */
export function macroF1(confusion: ConfusionMatrix): number {
  const present = perClassF1(confusion).filter((f) => !Number.isNaN(f));
  return present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length;
}
