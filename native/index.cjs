'use strict';
// Loads the compiled addon. Throws a one-line reason when it was not built or cannot load
// (for example when libopenblas is missing at run time).
const fs = require('node:fs');
const path = require('node:path');
const candidates = ['build/Release/optlab_native.node', 'build/Debug/optlab_native.node'].map((rel) =>
  path.join(__dirname, rel),
);
const built = candidates.find((file) => fs.existsSync(file));
if (!built) {
  throw new Error(`the addon was not built (no ${path.join('native', 'build', 'Release', 'optlab_native.node')})`);
}
module.exports = require(built);
