// `webgpu` for the bundled trainer: Dawn's Node binding from the dawn.node beside the bundle
// (or $DAWN_NODE), the same `create` and `globals` the npm package exports.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const binding = require(process.env.DAWN_NODE ?? join(dirname(fileURLToPath(import.meta.url)), 'dawn.node'));
export const create = binding.create;
export const globals = binding.globals;
