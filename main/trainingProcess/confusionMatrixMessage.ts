import type { ConfusionMatrix } from '../../shared/ml/metrics/confusionMatrix.js';
import type { FromTrainerMessage } from '../../shared/training/trainerMessages.js';

/** The confusion matrix as rows (truth) of counts per prediction, with class names (indices when unknown). */
export function confusionMatrixMessage(confusion: ConfusionMatrix, epoch: number, classNames: string[] | undefined): FromTrainerMessage {
  const n = confusion.classes;
  const matrix = Array.from({ length: n }, (_, t) => Array.from(confusion.matrix.subarray(t * n, (t + 1) * n)));
  const names = Array.from({ length: n }, (_, i) => classNames?.[i] ?? String(i));
  return { type: 'confusion-matrix', epoch, classNames: names, matrix };
}
