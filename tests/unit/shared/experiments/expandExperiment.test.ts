import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../../shared/errors/inputError.js';
import { experimentConfigSchema, type ExperimentConfigInput } from '../../../../shared/experiments/experimentConfig.js';
import { countExperimentRuns, expandExperiment } from '../../../../shared/experiments/expandExperiment.js';

const base = {
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'mas', lr: 1e-4, lambdaAdam: 0.5, lambdaSgd: 0.5 },
  training: { epochs: 2, stepsPerEpoch: 10 },
};

function experiment(overrides: Partial<ExperimentConfigInput> = {}) {
  return experimentConfigSchema.parse({ name: 'λ sweep', base, ...overrides });
}

function expansionError(config: ReturnType<typeof experiment>): InputError {
  try {
    expandExperiment(config);
  } catch (error) {
    assert.ok(error instanceof InputError);
    return error;
  }
  assert.fail('the expansion was expected to fail');
}

test('a grid with a linked field expands to settings × seeds, the linked field computed per setting', () => {
  const config = experiment({
    sweep: {
      axes: [
        { path: 'optimizer.lambdaAdam', values: [0.3, 0.7, 1] },
        { path: 'optimizer.lr', values: [1e-4, 1e-3] },
      ],
      linked: [{ path: 'optimizer.lambdaSgd', from: 'optimizer.lambdaAdam', scale: -1, offset: 1 }],
    },
    trials: { seeds: [11, 12] },
  });
  const { settings, runs } = expandExperiment(config);
  assert.equal(settings.length, 6);
  assert.equal(runs.length, 12);
  assert.equal(countExperimentRuns(config), 12);
  assert.deepEqual(settings[0].values, { 'optimizer.lambdaAdam': 0.3, 'optimizer.lr': 1e-4, 'optimizer.lambdaSgd': 0.7 });
  assert.deepEqual(settings[5].values, { 'optimizer.lambdaAdam': 1, 'optimizer.lr': 1e-3, 'optimizer.lambdaSgd': 0 });
  for (const run of runs) {
    assert.equal(run.config.optimizer.type, 'mas');
    if (run.config.optimizer.type !== 'mas') continue;
    assert.equal(run.config.optimizer.lambdaAdam + run.config.optimizer.lambdaSgd, 1, 'λs = 1 − λa, exactly for these values');
    assert.equal(run.config.training.seed, run.seed);
    assert.equal(run.config.name, run.name);
  }
  assert.deepEqual(
    runs.slice(0, 4).map((r) => [r.settingIndex, r.trial, r.seed]),
    [
      [0, 0, 11],
      [0, 1, 12],
      [1, 0, 11],
      [1, 1, 12],
    ],
  );
  assert.match(runs[0].name, /lambdaAdam=0\.3, lr=0\.0001, lambdaSgd=0\.7 · seed 11/);
});

test('zipped fields change together, and trials by count start at firstSeed', () => {
  const { settings, runs } = expandExperiment(
    experiment({
      sweep: { axes: [{ paths: ['optimizer.lambdaAdam', 'optimizer.lambdaSgd'], values: [[0.2, 0.3], [0.9, 0.9]] }] },
      trials: { count: 3, firstSeed: 5 },
    }),
  );
  assert.deepEqual(settings.map((s) => s.values), [
    { 'optimizer.lambdaAdam': 0.2, 'optimizer.lambdaSgd': 0.3 },
    { 'optimizer.lambdaAdam': 0.9, 'optimizer.lambdaSgd': 0.9 },
  ]);
  assert.deepEqual(runs.map((r) => r.seed), [5, 6, 7, 5, 6, 7]);
});

test('a whole section can be swept: optimizers of different types, labelled by type and fields', () => {
  const { settings, runs } = expandExperiment(
    experiment({
      sweep: { axes: [{ path: 'optimizer', values: [{ type: 'adam', lr: 0.01 }, { type: 'sgd', lr: 0.001, momentum: 0.9 }] }] },
      trials: { seeds: [0] },
    }),
  );
  assert.deepEqual(settings.map((s) => s.label), ['adam lr=0.01', 'sgd lr=0.001 momentum=0.9']);
  assert.deepEqual(runs.map((r) => r.config.optimizer.type), ['adam', 'sgd']);
  assert.equal(runs[1].config.optimizer.type === 'sgd' && runs[1].config.optimizer.momentum, 0.9);
});

test('no sweep expands to the base config once per seed', () => {
  const { settings, runs } = expandExperiment(experiment({ trials: { seeds: [1, 2, 3] } }));
  assert.equal(settings.length, 1);
  assert.equal(settings[0].label, 'base');
  assert.deepEqual(runs.map((r) => r.config.training.seed), [1, 2, 3]);
});

test('paths that do not exist in the base config are refused, naming them', () => {
  const error = expansionError(
    experiment({
      sweep: { axes: [{ path: 'optimizer.lamdaAdam', values: [0.1] }], linked: [{ path: 'optimizer.lambdaSgd', from: 'training.nope', scale: -1, offset: 1 }] },
    }),
  );
  assert.deepEqual(error.issues, [
    { path: 'sweep.axes.0', message: 'optimizer.lamdaAdam does not exist in the base config' },
    { path: 'sweep.linked.0.from', message: 'training.nope does not exist in the base config' },
  ]);
});

test('values the run schema refuses are reported once per setting, naming its label, its seeds and the field', () => {
  const error = expansionError(
    experiment({
      sweep: { axes: [{ path: 'optimizer.lambdaAdam', values: [0.5, 1.5] }], linked: [{ path: 'optimizer.lambdaSgd', from: 'optimizer.lambdaAdam', scale: -1, offset: 1 }] },
      trials: { count: 3 },
    }),
  );
  const paths = error.issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['optimizer.lambdaAdam', 'optimizer.lambdaSgd'], 'one issue per field, not one per seed');
  for (const issue of error.issues) assert.match(issue.message, /^setting 2 "lambdaAdam=1\.5, lambdaSgd=-0\.5" \(all 3 seeds\): optimizer\.lambda(Adam|Sgd): Invalid/);
});

test('an options axis sweeps whole optimizers, MAS over its own λ grid with λs = 1 − λa, labelled "MAS 0.3/0.7"', () => {
  const config = experiment({
    sweep: {
      axes: [
        {
          path: 'optimizer',
          options: [
            { value: { type: 'adam', lr: 1e-3 } },
            { value: { type: 'sgd', lr: 1e-2, momentum: 0.9 } },
            {
              value: { type: 'mas', lr: 1e-3 },
              axes: [{ path: 'lambdaAdam', values: [0.3, 0.5, 0.7] }],
              linked: [{ path: 'lambdaSgd', from: 'lambdaAdam', scale: -1, offset: 1 }],
            },
          ],
        },
      ],
    },
    trials: { count: 3 },
  });
  assert.equal(countExperimentRuns(config), 15);
  const { settings, runs } = expandExperiment(config);
  assert.deepEqual(settings.map((s) => s.label), ['Adam', 'SGD', 'MAS 0.3/0.7', 'MAS 0.5/0.5', 'MAS 0.7/0.3']);
  assert.deepEqual(settings[2].values, { 'optimizer.type': 'mas', 'optimizer.lambdaAdam': 0.3, 'optimizer.lambdaSgd': 0.7 });
  assert.deepEqual(settings[0].values, { 'optimizer.type': 'adam' });
  assert.equal(runs.length, 15);
  const mas = runs.filter((r) => r.config.optimizer.type === 'mas');
  assert.equal(mas.length, 9);
  for (const run of mas) if (run.config.optimizer.type === 'mas') assert.equal(run.config.optimizer.lambdaAdam + run.config.optimizer.lambdaSgd, 1);
  assert.equal(runs[3].config.optimizer.type === 'sgd' && runs[3].config.optimizer.momentum, 0.9);
  assert.match(runs[14].name, /^λ sweep · MAS 0\.7\/0\.3 · seed 2$/);
});

test('ranges and log ranges generate tidy values, and stored labels replace the generated ones', () => {
  const { settings } = expandExperiment(
    experiment({
      sweep: { axes: [{ path: 'optimizer.lambdaAdam', range: { from: 0.1, to: 0.3, step: 0.1 } }, { path: 'optimizer.lr', logRange: { from: 1e-4, to: 1e-2, count: 3 } }] },
      labels: { '0': 'first' },
    }),
  );
  assert.deepEqual(settings.map((s) => [s.values['optimizer.lambdaAdam'], s.values['optimizer.lr']]), [
    [0.1, 1e-4], [0.1, 1e-3], [0.1, 1e-2], [0.2, 1e-4], [0.2, 1e-3], [0.2, 1e-2], [0.3, 1e-4], [0.3, 1e-3], [0.3, 1e-2],
  ]);
  assert.equal(settings[0].label, 'first');
  assert.equal(settings[1].label, 'lambdaAdam=0.1, lr=0.001');
});

test('an option whose own field the run schema refuses names the option label and the field', () => {
  const error = expansionError(
    experiment({
      sweep: { axes: [{ path: 'optimizer', options: [{ label: 'fast Adam', value: { type: 'adam', lr: -1 } }] }] },
      trials: { seeds: [4] },
    }),
  );
  assert.equal(error.issues.length, 1);
  assert.equal(error.issues[0].path, 'optimizer.lr');
  assert.match(error.issues[0].message, /^setting 1 "fast Adam" \(seed 4\): optimizer\.lr: /);
});

test('the schema refuses an empty range, a log range from 0 and an options axis without options', () => {
  for (const axis of [
    { path: 'optimizer.lr', range: { from: 1, to: 0, step: 0.1 } },
    { path: 'optimizer.lr', logRange: { from: 0, to: 1, count: 3 } },
    { path: 'optimizer', options: [] },
  ]) {
    assert.equal(experimentConfigSchema.safeParse({ name: 'x', base, sweep: { axes: [axis] } }).success, false, JSON.stringify(axis));
  }
});

test('an invalid base config is refused with its fields under base.', () => {
  const error = expansionError(experimentConfigSchema.parse({ name: 'x', base: { ...base, training: { epochs: 0 } } }));
  assert.ok(error.issues.some((i) => i.path === 'base.training.epochs'), JSON.stringify(error.issues));
});

test('the experiment schema refuses zipped rows of the wrong length and empty value lists', () => {
  const zipped = experimentConfigSchema.safeParse({ name: 'x', base, sweep: { axes: [{ paths: ['a.b', 'c.d'], values: [[1]] }] } });
  assert.equal(zipped.success, false);
  const empty = experimentConfigSchema.safeParse({ name: 'x', base, sweep: { axes: [{ path: 'optimizer.lr', values: [] }] } });
  assert.equal(empty.success, false);
});
