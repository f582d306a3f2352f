/**
 * Perplexity from a mean cross-entropy loss in nats per token: exp(loss). Infinity when the loss
 * overflows, NaN for a NaN loss.
 */
export function perplexityFromLoss(meanLossNats: number): number {
  return Math.exp(meanLossNats);
}
