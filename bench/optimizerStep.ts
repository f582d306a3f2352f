/**
 * Time of one optimizer step on ~1M parameters (cpu backend), for every optimizer type, next to
 * Adam's and SGD's; checks that a MAS step costs at most about an Adam step plus an SGD step.
 * By default the cpu backend runs with the native elementwise kernels when they load (as training
 * does); `--plain` measures the pure-JavaScript cpu kernels.
 * Run: node --import tsx bench/optimizerStep.ts [--plain] [--params 1000000] [--steps 10]
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../shared/config/optimizerConfig.js';
import type { ModelParam } from '../shared/ml/models/model.js';
import { createOptimizer } from '../shared/ml/optim/createOptimizer.js';
import { registerFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const totalParams = arg('params', 1_000_000);
const timedSteps = arg('steps', 10);
const plain = process.argv.includes('--plain');

const cases: [string, OptimizerConfigInput][] = [
  ['sgd', { type: 'sgd' }],
  ['sgd momentum', { type: 'sgd', momentum: 0.9 }],
  ['adam', { type: 'adam' }],
  ['mas', { type: 'mas' }],
  ['mas momentum', { type: 'mas', momentum: 0.9 }],
  ['mas direction-correction', { type: 'mas', variant: 'direction-correction' }],
  ['mas vector-combination', { type: 'mas', variant: 'vector-combination' }],
  ['mas adam-normalized', { type: 'mas', variant: 'adam-normalized' }],
  ['adamw', { type: 'adamw' }],
  ['radam', { type: 'radam' }],
  ['nadam', { type: 'nadam' }],
  ['rmsprop', { type: 'rmsprop' }],
  ['adagrad', { type: 'adagrad' }],
  ['adabelief', { type: 'adabelief' }],
  ['adamomentum', { type: 'adamomentum' }],
  ['eadam', { type: 'eadam' }],
  ['diffgrad', { type: 'diffgrad' }],
  ['adamod', { type: 'adamod' }],
  ['madgrad', { type: 'madgrad' }],
  ['swats', { type: 'swats' }],
  ['mixer adam+sgd+rmsprop', { type: 'mixer', parts: [{ weight: 0.4, optimizer: { type: 'adam' } }, { weight: 0.4, optimizer: { type: 'sgd' } }, { weight: 0.2, optimizer: { type: 'rmsprop' } }] }],
  ['fusion adam|sgd', { type: 'fusion', groups: [{ blocks: [0, 0], optimizer: { type: 'adam' } }, { blocks: [1, 1], optimizer: { type: 'sgd' } }] }],
];

/** Two parameters (a 1000×~900 matrix and the rest as a vector) summing to `totalParams`. */
function makeParams(): ModelParam[] {
  const rows = 1000;
  const cols = Math.floor((totalParams * 0.9) / rows);
  const rest = totalParams - rows * cols;
  return [
    { name: 'hidden/w', block: 'hidden', variable: tf.variable(tf.randomNormal([rows, cols], 0, 0.05, 'float32', 1)) },
    { name: 'output/w', block: 'output', variable: tf.variable(tf.randomNormal([rest], 0, 0.05, 'float32', 2)) },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  let kernels = 'pure-JavaScript cpu kernels (--plain)';
  if (!plain) {
    const fast = registerFastCpuKernels();
    kernels = fast.ok ? 'native elementwise kernels' : `pure-JavaScript cpu kernels (native kernels unavailable: ${fast.reason})`;
  }
  await tf.setBackend('cpu');
  const params = makeParams();
  const grads = Object.fromEntries(params.map((p, i) => [p.name, tf.randomNormal(p.variable.shape, 0, 1, 'float32', 10 + i)]));
  const results = new Map<string, number>();
  // The optimizers of the MAS budget check run interleaved, one step each per round, so that load
  // from other processes falls on all of them alike; the others run one after the other.
  const interleaved = ['sgd', 'sgd momentum', 'adam', 'mas', 'mas momentum'];
  const make = (input: OptimizerConfigInput) => {
    const optimizer = createOptimizer(optimizerConfigSchema.parse(input), params, ['hidden', 'output']);
    for (let i = 0; i < 2; i++) optimizer.step(grads); // state creation and warm-up
    return optimizer;
  };
  const timeStep = (optimizer: ReturnType<typeof createOptimizer>) => {
    const t0 = performance.now();
    optimizer.step(grads);
    params[0].variable.dataSync();
    return performance.now() - t0;
  };
  const group = cases.filter(([label]) => interleaved.includes(label)).map(([label, input]) => ({ label, optimizer: make(input), times: [] as number[] }));
  for (let round = 0; round < timedSteps; round++) for (const g of group) g.times.push(timeStep(g.optimizer));
  for (const g of group) {
    g.optimizer.dispose();
    results.set(g.label, median(g.times));
  }
  for (const [label, input] of cases) {
    if (interleaved.includes(label)) continue;
    const optimizer = make(input);
    const times: number[] = [];
    for (let i = 0; i < timedSteps; i++) times.push(timeStep(optimizer));
    optimizer.dispose();
    results.set(label, median(times));
  }
  const adam = results.get('adam') ?? NaN;
  const sgd = results.get('sgd') ?? NaN;
  console.log(`optimizer step on ${totalParams.toLocaleString('en')} parameters, cpu backend with ${kernels}, median of ${timedSteps} steps`);
  console.log(`${'optimizer'.padEnd(26)} ${'ms/step'.padStart(9)} ${'× Adam'.padStart(7)} ${'× SGD'.padStart(7)}`);
  for (const [label] of cases) {
    const ms = results.get(label) ?? NaN;
    console.log(`${label.padEnd(26)} ${ms.toFixed(1).padStart(9)} ${(ms / adam).toFixed(2).padStart(7)} ${(ms / sgd).toFixed(2).padStart(7)}`);
  }
  const mas = results.get('mas') ?? NaN;
  const masMomentum = results.get('mas momentum') ?? NaN;
  const masMomentumBudget = adam + (results.get('sgd momentum') ?? NaN);
  console.log(`MAS ${mas.toFixed(1)} ms vs Adam + SGD ${(adam + sgd).toFixed(1)} ms: ${mas <= adam + sgd ? 'within' : 'OVER'} budget`);
  console.log(`MAS with momentum ${masMomentum.toFixed(1)} ms vs Adam + SGD(momentum) ${masMomentumBudget.toFixed(1)} ms: ${masMomentum <= masMomentumBudget ? 'within' : 'OVER'} budget`);
  tf.dispose(Object.values(grads));
  for (const p of params) p.variable.dispose();
}

await main();
