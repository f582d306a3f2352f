/**
 * The CNN step's non-sgemm native kernels on its own shapes (bench/support/benchTraining.ts, batch
 * 128): max pooling and its gradient, the activation gradient with the bias gradient, bias +
 * activation, each at 1 and 2 native threads, in CPU time and wall time per call (the output's
 * allocation included, as the tfjs kernels allocate it, with freed memory retained as in training). Several addon builds (`--addons a.node,b.node`,
 * e.g. one built before a change) run in alternating rounds in one process, so that each round of
 * each is timed under the same load.
 *
 *   node --import tsx bench/cnnLayerKernels.ts [--addons native/build/Release/optlab_native.node] [--rounds 5] [--calls 40]
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { uninitialisedFloat32 } from '../main/fastcpu/cpuKernelArgs.js';
import type { NativeAddon } from '../main/fastcpu/nativeAddon.js';

interface Shape {
  batch: number;
  size: number;
  channels: number;
}

/** The CNN's two conv outputs (valid 3×3 on 28×28, then on the pooled 13×13), each pooled 2×2 stride 2. */
const SHAPES: Shape[] = [
  { batch: 128, size: 26, channels: 16 },
  { batch: 128, size: 11, channels: 32 },
];

function randomArray(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    a[i] = Math.max(0, (s / 2 ** 32) * 4 - 2); // relu outputs: a quarter of them ties at 0
  }
  return a;
}

/** [batch, inH, inW, channels, filterH, filterW, strideH, strideW, padTop, padLeft, outH, outW] (native/src/kernels.h). */
function poolGeometry(s: Shape): Int32Array {
  const out = Math.floor(s.size / 2);
  return Int32Array.from([s.batch, s.size, s.size, s.channels, 2, 2, 2, 2, 0, 0, out, out]);
}

type Case = { name: string; run: (addon: NativeAddon) => void };

/** `reference` gives the pooled maxima the gradient needs. */
function casesFor(s: Shape, reference: NativeAddon): Case[] {
  const n = s.batch * s.size * s.size * s.channels;
  const g = poolGeometry(s);
  const pooled = s.batch * g[10]! * g[11]! * s.channels;
  const x = randomArray(n, 1);
  const dy = randomArray(n, 2);
  const bias = randomArray(s.channels, 3);
  const y = new Float32Array(pooled);
  reference.maxPool(x, g, y);
  const dyPooled = randomArray(pooled, 4);
  const label = `${s.batch}×${s.size}×${s.size}×${s.channels}`;
  return [
    { name: `maxPool ${label}`, run: (a) => a.maxPool(x, g, uninitialisedFloat32(pooled)) },
    {
      name: `maxPoolGrad ${label}`,
      // An addon built before maxPoolGrad wrote all of dx accumulated into a zeroed one.
      run: (a) => a.maxPoolGrad(x, y, dyPooled, g, typeof a.activationGradColumnSums === 'function' ? uninitialisedFloat32(n) : new Float32Array(n)),
    },
    {
      name: `activationGrad + bias ${label}`,
      run: (a) => {
        const dz = uninitialisedFloat32(n);
        const db = new Float32Array(s.channels);
        if (typeof a.activationGradColumnSums === 'function') {
          a.activationGradColumnSums(dy, x, dz, 1, db);
        } else {
          a.activationGrad(dy, x, dz, 1);
          a.columnSums(dz, n / s.channels, s.channels, db);
        }
      },
    },
    { name: `biasActivation relu ${label}`, run: (a) => a.biasActivation(x.slice(), n / s.channels, s.channels, bias, 1, 0) },
  ];
}

function timeCalls(run: () => void, calls: number): { cpuMs: number; wallMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) run();
  const wallMs = (performance.now() - t0) / calls;
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / calls, wallMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  const opts = new Command()
    .option('--addons <paths>', 'addon builds to compare, comma-separated', 'native/build/Release/optlab_native.node')
    .option('--rounds <n>', 'alternating rounds', '5')
    .option('--calls <n>', 'calls per kernel per round', '40')
    .option('--threads <list>', 'native thread counts', '1,2')
    .parse()
    .opts<{ addons: string; rounds: string; calls: string; threads: string }>();
  const require = createRequire(import.meta.url);
  const addons = opts.addons.split(',').map((p) => ({ path: p, addon: require(resolve(p)) as NativeAddon }));
  // As training sets it (registerFastCpuKernels): freed outputs stay in malloc's heap for the next ones.
  addons[0]!.addon.retainFreedMemory(32 * 1024 * 1024);
  const threadCounts = opts.threads.split(',').map(Number);
  const cases = SHAPES.flatMap((s) => casesFor(s, addons[0]!.addon));
  const calls = Number(opts.calls);
  const results = new Map<string, { cpu: number[]; wall: number[] }>();
  const loads: string[] = [];
  for (let round = 0; round < Number(opts.rounds); round++) {
    loads.push(loadavg().map((l) => l.toFixed(2)).join(' '));
    for (const c of cases) {
      for (const threads of threadCounts) {
        for (const { path, addon } of addons) {
          addon.setNativeThreads(threads);
          c.run(addon); // warm: the pool's threads started, the code paged in
          const t = timeCalls(() => c.run(addon), calls);
          const key = `${c.name}\t${threads}\t${path}`;
          const entry = results.get(key) ?? { cpu: [], wall: [] };
          entry.cpu.push(t.cpuMs);
          entry.wall.push(t.wallMs);
          results.set(key, entry);
        }
      }
    }
  }
  console.log(`load average (1, 5, 15 min) per round: ${loads.join(' → ')}`);
  console.log('kernel\tthreads\taddon\tCPU ms/call (median, min)\twall ms/call (median, min)');
  for (const [key, r] of results) {
    console.log(`${key}\t${median(r.cpu).toFixed(3)}, ${Math.min(...r.cpu).toFixed(3)}\t${median(r.wall).toFixed(3)}, ${Math.min(...r.wall).toFixed(3)}`);
  }
}

main();
