// `npm start`: the desktop app when the Electron binary is installed; otherwise the same app in the
// browser (browser mode), served on 127.0.0.1 with a private token in its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

// The tfjs gradient bundle is generated (scripts/bundleTfjsGradients.mjs), normally at install.
run(process.execPath, [join(root, 'scripts', 'bundleTfjsGradients.mjs'), '--if-stale']);
// The training process's bundle, so that runs start without compiling their modules (a launch checks too).
run(process.execPath, [join(root, 'scripts', 'buildTrainingProcess.mjs')]);
if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);

const electron = electronBinary();
if (electron) {
  run(process.execPath, [join(root, 'scripts', 'buildElectron.mjs')]);
  spawn(electron, [root], { cwd: root, stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Optimizer Lab: the Electron binary is not installed (it is downloaded at install time, which needs the internet),');
  console.log('so the app runs in browser mode: open the URL below in a browser.');
  const child = spawn(process.execPath, [join(root, 'bin', 'optlab.mjs'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
