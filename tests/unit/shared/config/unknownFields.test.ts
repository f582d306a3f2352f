import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseOrThrow } from '../../../../shared/errors/inputError.js';
import { apiMethods } from '../../../../shared/api/contract.js';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';
import { closestField, explainIssues } from '../../../../shared/config/unknownFields.js';
import { expandExperiment } from '../../../../shared/experiments/expandExperiment.js';
import { experimentConfigSchema } from '../../../../shared/experiments/experimentConfig.js';

const base = { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.01 }, training: { epochs: 2 } };

function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  assert.ok(!result.success, 'the input is refused');
  return explainIssues(result.error, schema, input).map((i) => `${i.path} | ${i.message}`);
}

describe('unknown fields are refused with their path and a suggestion', () => {
  it('a schedule put under training belongs at the top level', () => {
    assert.deepEqual(messages(runConfigSchema, { ...base, training: { epochs: 2, lrSchedule: { type: 'cosine' } } }), [
      'training.lrSchedule | training.lrSchedule is not a field of training; lrSchedule belongs at the top level',
    ]);
  });

  it('a misspelt field suggests the one meant; each unknown field is its own issue', () => {
    assert.deepEqual(messages(runConfigSchema, { ...base, training: { epochs: 2, batch_size: 8, epoch: 3 } }), [
      'training.batch_size | training.batch_size is not a field of training; did you mean batchSize?',
      'training.epoch | training.epoch is not a field of training; did you mean epochs?',
    ]);
    assert.deepEqual(messages(runConfigSchema, { ...base, dataset: { kind: 'mnist', augment: { flip: true } }, model: { kind: 'mlp' } }), [
      'dataset.augment.flip | dataset.augment.flip is not a field of dataset.augment (its fields: cropPadding, horizontalFlip, zScore)',
    ]);
  });

  it('a field of another kind of the same union says so, naming the kind given', () => {
    assert.deepEqual(messages(runConfigSchema, { ...base, dataset: { kind: 'mnist' }, model: { kind: 'cnn', hidden: [8] } }), [
      'model.hidden | model.hidden is not a field of model (cnn); hidden belongs to another model type',
    ]);
  });

  it('works for any strict schema: "learningRate" suggests lr', () => {
    const optimizer = z.discriminatedUnion('type', [
      z.object({ type: z.literal('adam'), lr: z.number().default(1e-3), beta1: z.number().default(0.9) }).strict(),
      z.object({ type: z.literal('sgd'), lr: z.number().default(1e-2), momentum: z.number().default(0) }).strict(),
    ]);
    const schema = z.object({ optimizer }).strict();
    assert.deepEqual(messages(schema, { optimizer: { type: 'adam', learningRate: 0.1 } }), [
      'optimizer.learningRate | optimizer.learningRate is not a field of optimizer (adam); did you mean lr?',
    ]);
    assert.deepEqual(messages(schema, { optimizer: { type: 'adam', momentum: 0.9 } }), [
      'optimizer.momentum | optimizer.momentum is not a field of optimizer (adam); momentum belongs to another optimizer type',
    ]);
    // Fields inside arrays are known under every index.
    const groups = z.object({ groups: z.array(z.object({ lr: z.number() }).strict()) }).strict();
    assert.deepEqual(messages(groups, { groups: [{ lr: 1 }, { lr: 1, learning_rate: 2 }] }), ['groups.1.learning_rate | groups.1.learning_rate is not a field of groups.1; did you mean lr?']);
    assert.equal(closestField('Epsilon', ['eps', 'lr']), 'eps');
    assert.equal(closestField('zzz', ['eps', 'lr']), undefined);
  });

  it('every boundary refuses it: the API payload, CLI files (parseOrThrow) and experiment bases', () => {
    assert.throws(
      () => parseOrThrow(apiMethods.createRun.input, { config: { ...base, training: { epochs: 2, lrSchedule: { type: 'cosine' } } } }, 'createRun request'),
      /config\.training\.lrSchedule is not a field of config\.training; lrSchedule belongs in config/,
    );
    assert.throws(() => parseOrThrow(runConfigSchema, { ...base, extra: 1 }, 'run config'), /Invalid run config: extra is not a field of the config \(its fields: name, dataset/);
    const experiment = experimentConfigSchema.parse({ name: 'x', base: { ...base, training: { epochs: 2, lrSchedule: { type: 'cosine' } } } });
    assert.throws(() => expandExperiment(experiment), /base\.training\.lrSchedule is not a field of training; lrSchedule belongs at the top level/);
  });
});
