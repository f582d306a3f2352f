import type { ConfusionMatrix } from './confusionMatrix.js';

/**
 * Matthews correlation coefficient (MCC) from a confusion matrix, as sklearn's matthews_corrcoef and
 * GLUE's CoLA score: for two classes (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)); for more,
 * its generalisation (Gorodkin's R_K) with t_k, p_k the true and predicted counts of class k, c the
 * correct ones and s all samples: (c·s − Σ t_k·p_k) / √((s² − Σ p_k²)(s² − Σ t_k²)).
 * 1 is perfect, 0 no better than chance, −1 always wrong; 0 when either count is constant (one class
 * only, in the labels or in the predictions) or there are no samples, as sklearn.
 */
export function matthewsCorrelation({ classes, matrix }: ConfusionMatrix): number {
  let samples = 0;
  let correct = 0;
  let truePredicted = 0;
  let predictedSquares = 0;
  let trueSquares = 0;
  for (let k = 0; k < classes; k++) {
    let trueCount = 0;
    let predictedCount = 0;
    for (let j = 0; j < classes; j++) {
      trueCount += matrix[k * classes + j];
      predictedCount += matrix[j * classes + k];
    }
    samples += trueCount;
    correct += matrix[k * classes + k];
    truePredicted += trueCount * predictedCount;
    predictedSquares += predictedCount * predictedCount;
    trueSquares += trueCount * trueCount;
  }
  const covariance = correct * samples - truePredicted;
  const predictedVariance = samples * samples - predictedSquares;
  const trueVariance = samples * samples - trueSquares;
  if (predictedVariance === 0 || trueVariance === 0) return 0;
  return covariance / Math.sqrt(predictedVariance * trueVariance);
}
