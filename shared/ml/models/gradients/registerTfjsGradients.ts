/**
 * Side-effect module: makes `tf.grad`/`tf.variableGrads` work with `@tensorflow/tfjs-core` alone by
 * registering tfjs-core's own gradient definitions (bundled by scripts/bundleTfjsGradients.mjs).
 * tfjs-core is loaded first so its engine owns the global registries the bundle registers into.
 * Every model module imports this, so building a model is enough to be able to train it.
 */
import '@tensorflow/tfjs-core';
import './tfjsGradients.generated.js';
