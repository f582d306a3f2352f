import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datasetConfigSchema } from '../../../../../../shared/config/datasetConfig.js';
import { modelConfigSchema } from '../../../../../../shared/config/modelConfig.js';
import { lrScheduleConfigSchema } from '../../../../../../shared/config/optimizerConfig.js';
import { trainingConfigSchema } from '../../../../../../shared/config/runConfig.js';
import { epsilonCaptureScheduleSchema } from '../../../../../../shared/science/epsilon/captureSchedule.js';
import { epsilonCaptureFieldText, lrScheduleFieldText, trainingFieldText } from '../../../../../../renderer/src/newRun/formText.js';
import { fieldPlaceholder } from '../../../../../../renderer/src/ui/schemaForm/fieldPlaceholder.js';
import { fieldsFromObject, variantsFromUnion } from '../../../../../../renderer/src/ui/schemaForm/fieldsFromSchema.js';
import { optimizerVariants } from '../../../../../../renderer/src/ui/schemaForm/optimizerVariants.js';

test('an empty field says what applies: its default, "default: none" for an empty list, "not set" without one', () => {
  assert.equal(fieldPlaceholder({ path: 'lr', label: '', help: '', optional: true, kind: 'number', integer: false, defaultValue: 0.001 }), 'default 0.001');
  assert.equal(fieldPlaceholder({ path: 'hidden', label: '', help: '', optional: true, kind: 'numberList', integer: true, defaultValue: [256, 128] }), 'default 256, 128');
  assert.equal(fieldPlaceholder({ path: 'epochs', label: '', help: '', optional: true, kind: 'numberList', integer: true, defaultValue: [] }), 'default: none');
  assert.equal(fieldPlaceholder({ path: 'note', label: '', help: '', optional: true, kind: 'text', defaultValue: '' }), 'default: none');
  assert.equal(fieldPlaceholder({ path: 'steps', label: '', help: '', optional: true, kind: 'number', integer: true }), 'not set');
  assert.equal(fieldPlaceholder({ path: 'steps', label: '', help: '', optional: false, kind: 'number', integer: true }), '');
});

test('every field of the New Run form has a placeholder that ends in a value (the ε capture’s "Also at epochs" said "default ")', () => {
  const fields = [
    ...variantsFromUnion(datasetConfigSchema, 'kind', {}, {}).flatMap((v) => v.fields),
    ...variantsFromUnion(modelConfigSchema, 'kind', {}, {}).flatMap((v) => v.fields),
    ...optimizerVariants().flatMap((v) => v.fields),
    ...variantsFromUnion(lrScheduleConfigSchema, 'type', lrScheduleFieldText, {}).flatMap((v) => v.fields),
    ...(fieldsFromObject(trainingConfigSchema, trainingFieldText) ?? []),
    ...(fieldsFromObject(epsilonCaptureScheduleSchema, epsilonCaptureFieldText) ?? []),
  ];
  assert.ok(fields.length > 50, `${fields.length} fields`);
  for (const field of fields) {
    const placeholder = fieldPlaceholder(field);
    assert.ok(placeholder === '' || /^(default \S.*\S|default \S|default: none|not set)$/.test(placeholder), `${field.path}: "${placeholder}"`);
  }
  const alsoAt = fieldsFromObject(epsilonCaptureScheduleSchema, epsilonCaptureFieldText)?.find((f) => f.path === 'epochs');
  assert.equal(alsoAt && fieldPlaceholder(alsoAt), 'default: none');
});
