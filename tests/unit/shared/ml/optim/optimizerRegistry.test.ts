import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, optimizerTypes, singleOptimizerConfigSchema } from '../../../../../shared/config/optimizerConfig.js';
import { createUpdateRule } from '../../../../../shared/ml/optim/createUpdateRule.js';
import { optimizerCatalog } from '../../../../../shared/ml/optim/optimizerCatalog.js';
import { optimizerDefinition, optimizerDefinitions } from '../../../../../shared/ml/optim/optimizerRegistry.js';
import { hasAdaptiveTerm } from '../../../../../shared/science/epsilon/runEpsilon.js';

const registryTypes = optimizerDefinitions.map((d) => d.schema.shape.type.value);

describe('the optimizer registry is the one list of single optimizers', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('the config unions and the catalog list exactly the registry, in its order', () => {
    assert.deepEqual(
      singleOptimizerConfigSchema.options.map((o) => o.shape.type.value),
      registryTypes,
    );
    assert.deepEqual(optimizerTypes, [...registryTypes, 'mixer', 'fusion']);
    assert.deepEqual(
      optimizerCatalog.map((o) => o.type),
      registryTypes,
    );
    assert.equal(new Set(registryTypes).size, registryTypes.length, 'no type twice');
  });

  it('every definition builds its rule from its schema defaults, and its kind is its type', () => {
    for (const type of registryTypes) {
      const config = singleOptimizerConfigSchema.parse({ type });
      const rule = createUpdateRule(config);
      assert.equal(rule.kind, type);
      assert.equal(rule.baseLr, (config as { lr: number }).lr, type);
    }
  });

  it('“is it adaptive” has one answer: the definition has a ẑ', () => {
    for (const info of optimizerCatalog) {
      const config = optimizerConfigSchema.parse({ type: info.type });
      const hasTerm = optimizerDefinition(info.type).adaptiveTerm !== undefined;
      assert.equal(info.adaptive, hasTerm, `${info.type}: catalog`);
      assert.equal(hasAdaptiveTerm(config), hasTerm, `${info.type}: ε histograms`);
      assert.equal(createUpdateRule(config as never).adaptiveTerm !== undefined, hasTerm, `${info.type}: rule`);
    }
    assert.equal(optimizerDefinition('sgd').adaptiveTerm, undefined);
  });

  it('an unknown type has no definition', () => {
    assert.throws(() => optimizerDefinition('lamb'), /no optimizer definition for lamb/);
  });

  it('field metadata reaches the catalog: labels, help, log scale, choices, relevance', () => {
    const mas = optimizerCatalog.find((o) => o.type === 'mas')!;
    const byKey = Object.fromEntries(mas.hyperparameters.map((h) => [h.key, h]));
    assert.equal(byKey.lr.logScale, true);
    assert.equal(byKey.eps.logScale, true);
    assert.equal(byKey.beta1.logScale, undefined);
    assert.deepEqual(byKey.variant.choices, ['standard', 'linear', 'direction-correction', 'vector-combination', 'adam-normalized']);
    assert.deepEqual(byKey.maskSeed.relevantWhen, { key: 'variant', values: ['vector-combination'] });
    assert.equal(byKey.lambdaSchedule, undefined, 'nested objects are not form fields');
    const swats = optimizerCatalog.find((o) => o.type === 'swats')!;
    assert.deepEqual(swats.hyperparameters.find((h) => h.key === 'switchScope')?.choices, ['global', 'per-tensor']);
  });
});
