// Bundles the training process into dist/trainingProcess/trainingProcess.cjs when its sources
// changed since it was last bundled (`npm run build` and `npm start` call this; a launch checks too).
import { register } from 'tsx/esm/api';

register();
const { readyNodeBundle, trainingProcessBundle } = await import('../main/runs/nodeBundle.ts');
const ready = readyNodeBundle(trainingProcessBundle);
if (!ready.ok) {
  console.error(`Could not bundle the training process: ${ready.reason}`);
  process.exit(1);
}
if (ready.rebuiltBecause !== undefined) console.log(`bundled the training process into ${trainingProcessBundle.outfile} (${ready.rebuiltBecause})`);
