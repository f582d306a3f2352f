// Side effects only: registers tfjs-core's gradients (see scripts/bundleTfjsGradients.mjs).
export {};
