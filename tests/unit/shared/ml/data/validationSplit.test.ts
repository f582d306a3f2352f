import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../../../shared/errors/inputError.js';
import { splitValidation } from '../../../../../shared/ml/data/validationSplit.js';

test('a validation split holds out exactly N examples, disjoint from the N′ trained on, together all of them', () => {
  const { train, validation } = splitValidation(1000, 150, 7);
  assert.equal(validation.length, 150);
  assert.equal(train.length, 850);
  const held = new Set(validation);
  assert.equal(held.size, 150, 'no example is held out twice');
  assert.ok(train.every((i) => !held.has(i)), 'no held-out example is trained on');
  assert.deepEqual([...train, ...validation].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual([...validation], [...validation].sort((a, b) => a - b), 'in ascending order');
});

test('the same count and seed hold out the same examples; another seed others; not simply the first or last ones', () => {
  assert.deepEqual(splitValidation(500, 50, 3), splitValidation(500, 50, 3));
  assert.notDeepEqual(splitValidation(500, 50, 3).validation, splitValidation(500, 50, 4).validation);
  const { validation } = splitValidation(500, 50, 3);
  assert.ok(validation[0] < 50 && validation.at(-1)! > 450, `spread over the set: ${validation[0]}…${validation.at(-1)}`);
});

test('refuses a count that leaves nothing to train on (or none held out), naming training.validation.holdOut', () => {
  for (const holdOut of [0, 100, 101]) {
    assert.throws(
      () => splitValidation(100, holdOut, 0),
      (error: unknown) =>
        error instanceof InputError &&
        error.issues[0]?.path === 'training.validation.holdOut' &&
        error.message.includes(`${holdOut} examples held out of a training set of 100`),
    );
  }
  assert.equal(splitValidation(100, 99, 0).train.length, 1);
});
