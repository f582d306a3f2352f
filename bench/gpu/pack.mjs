// Builds the folder bench/gpu/run.sh runs from, dist/gpu-bench/ (at most 64 MiB): the trainer
// bundled with esbuild (bench/gpu/gpuTrainer.ts, `webgpu` pointing at dawn.node beside it), this
// Node binary and the linux-x64 dawn.node compressed with xz, the Vulkan loader's .deb files
// (apt-get download libvulkan1), the PyTorch half and run.sh. Run on Linux x64: node bench/gpu/pack.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'dist', 'gpu-bench');
const limit = 64 * 1024 * 1024;

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'debs'), { recursive: true });

await build({
  entryPoints: [join(here, 'gpuTrainer.ts')],
  outfile: join(out, 'trainer.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  alias: { webgpu: join(here, 'dawnShim.mjs') },
  // CommonJS packages inside an ES module bundle need a real `require`.
  banner: { js: "import { createRequire as __optlabRequire } from 'node:module'; const require = __optlabRequire(import.meta.url);" },
});

const xz = (from, to) => writeFileSync(to, execFileSync('xz', ['-6', '-T0', '-c', from], { maxBuffer: 512 * 1024 * 1024 }));
xz(process.execPath, join(out, 'node.xz'));
xz(join(root, 'node_modules', 'webgpu', 'dist', 'linux-x64', 'dawn.node'), join(out, 'dawn.node.xz'));
execFileSync('apt-get', ['download', 'libvulkan1'], { cwd: join(out, 'debs'), stdio: ['ignore', 'ignore', 'inherit'] });
for (const file of ['run.sh', 'torchBench.py']) copyFileSync(join(here, file), join(out, file));
writeFileSync(
  join(out, 'README.txt'),
  `Optimizer Lab GPU benchmark, packed ${new Date().toISOString()} with Node ${process.version}.\n` +
    'On a Linux x64 machine with an NVIDIA GPU, its driver and PyTorch: bash run.sh (no network, no Node needed).\n' +
    'Dry run without CUDA: bash run.sh --allow-cpu --steps 2 --warmup 1 --batch 16\n',
);

const sizes = readdirSync(out, { recursive: true })
  .map((name) => join(out, String(name)))
  .filter((path) => statSync(path).isFile())
  .map((path) => ({ path: path.slice(out.length + 1), bytes: statSync(path).size }));
const total = sizes.reduce((sum, f) => sum + f.bytes, 0);
for (const f of sizes) console.log(`${(f.bytes / 1048576).toFixed(2).padStart(7)} MiB  ${f.path}`);
console.log(`${(total / 1048576).toFixed(2).padStart(7)} MiB  total in ${out} (limit 64 MiB)`);
if (total > limit) {
  console.error('the folder is over 64 MiB');
  process.exit(1);
}
