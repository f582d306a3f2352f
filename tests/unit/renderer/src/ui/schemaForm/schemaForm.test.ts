import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { datasetConfigSchema } from '../../../../../../shared/config/datasetConfig.js';
import { optimizerConfigSchema } from '../../../../../../shared/config/optimizerConfig.js';
import { fieldsFromObject, humanize, variantsFromUnion } from '../../../../../../renderer/src/ui/schemaForm/fieldsFromSchema.js';
import { initialFieldValue, readFieldValue, setAtPath } from '../../../../../../renderer/src/ui/schemaForm/readFieldValue.js';
import type { FieldSpec } from '../../../../../../renderer/src/ui/schemaForm/fieldSpec.js';

describe('fieldsFromObject', () => {
  test('reads numbers, booleans, choices, lists, tuples and nested objects with their defaults', () => {
    const schema = z.object({
      lr: z.number().positive().default(0.1),
      steps: z.number().int(),
      nesterov: z.boolean().default(false),
      mode: z.enum(['a', 'b']).default('b'),
      depth: z.union([z.literal(18), z.literal(34)]).default(18),
      hidden: z.array(z.number().int()).default([4, 2]),
      size: z.tuple([z.number().int(), z.number().int()]).optional(),
      augment: z.object({ flip: z.boolean().default(false) }).optional(),
    });
    const fields = fieldsFromObject(schema, { lr: { label: 'Learning rate', help: 'step size' } });
    assert.ok(fields);
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
    assert.deepEqual(Object.keys(byPath), ['lr', 'steps', 'nesterov', 'mode', 'depth', 'hidden', 'size', 'augment.flip']);
    assert.deepEqual(byPath.lr, { path: 'lr', label: 'Learning rate', help: 'step size', optional: true, kind: 'number', integer: false, defaultValue: 0.1 });
    assert.equal(byPath.steps.optional, false);
    assert.equal(byPath.steps.kind === 'number' && byPath.steps.integer, true);
    assert.equal(byPath.mode.kind, 'choice');
    assert.deepEqual(byPath.depth.kind === 'choice' && byPath.depth.choices.map((c) => c.value), [18, 34]);
    assert.equal(byPath.size.kind === 'numberList' && byPath.size.length, 2);
    assert.equal(byPath.hidden.label, 'Hidden');
  });

  test('refuses an object with a required field it cannot edit, and skips optional ones', () => {
    assert.equal(fieldsFromObject(z.object({ parts: z.array(z.object({ w: z.number() })) }), {}), null);
    assert.deepEqual(fieldsFromObject(z.object({ parts: z.array(z.object({ w: z.number() })).optional() }), {}), []);
  });
});

describe('variantsFromUnion', () => {
  test('offers every optimizer type with plain fields and leaves out mixers and fusion plans', () => {
    const types = variantsFromUnion(optimizerConfigSchema, 'type', {}, {}).map((v) => v.value);
    assert.ok(types.includes('sgd') && types.includes('adam') && types.includes('mas'));
    assert.ok(!types.includes('mixer') && !types.includes('fusion'));
    const mas = variantsFromUnion(optimizerConfigSchema, 'type', {}, {}).find((v) => v.value === 'mas');
    assert.ok(mas?.fields.some((f) => f.path === 'lrSgd' && f.optional && f.defaultValue === undefined));
  });

  test('fills a dataset config that the schema accepts from the defaults alone', () => {
    const fashion = variantsFromUnion(datasetConfigSchema, 'kind', {}, {}).find((v) => v.value === 'fashion-mnist');
    assert.ok(fashion);
    const raw: Record<string, unknown> = { kind: 'fashion-mnist' };
    for (const field of fashion.fields) {
      const read = readFieldValue(field, initialFieldValue(field));
      assert.ok(read.ok);
      if (read.value !== undefined) setAtPath(raw, field.path, read.value);
    }
    assert.ok(datasetConfigSchema.safeParse(raw).success);
    assert.deepEqual(raw.augment, { cropPadding: 0, horizontalFlip: false, zScore: false });
  });
});

describe('readFieldValue', () => {
  const number: FieldSpec = { path: 'lr', label: 'lr', help: '', optional: false, kind: 'number', integer: false };
  const list: FieldSpec = { path: 'size', label: 'size', help: '', optional: true, kind: 'numberList', integer: true, length: 2 };
  const choice: FieldSpec = { path: 'depth', label: 'depth', help: '', optional: false, kind: 'choice', choices: [{ label: '18', value: 18 }] };

  test('reads numbers and says why typed text is not one', () => {
    assert.deepEqual(readFieldValue(number, ' 1e-3 '), { ok: true, value: 0.001 });
    assert.deepEqual(readFieldValue(number, 'abc'), { ok: false, message: 'not a number' });
    assert.deepEqual(readFieldValue(number, ''), { ok: false, message: 'required' });
    assert.deepEqual(readFieldValue({ ...number, optional: true }, ''), { ok: true, value: undefined });
  });

  test('reads lists with their length, and choices back to their typed value', () => {
    assert.deepEqual(readFieldValue(list, '32, 16'), { ok: true, value: [32, 16] });
    assert.equal(readFieldValue(list, '32').ok, false);
    assert.equal(readFieldValue(list, '32, x').ok, false);
    assert.deepEqual(readFieldValue(choice, '18'), { ok: true, value: 18 });
  });

  test('humanize turns field names into labels', () => {
    assert.equal(humanize('trainLimit'), 'Train limit');
    assert.equal(humanize('image-folder'), 'Image folder');
  });
});
