'use strict';
// Loads the compiled addon; throws with the reason when the build is missing.
const path = require('node:path');
const candidates = ['build/Release/optlab_native.node', 'build/Debug/optlab_native.node'];
let lastError;
for (const rel of candidates) {
  try {
    module.exports = require(path.join(__dirname, rel));
    lastError = undefined;
    break;
  } catch (error) {
    lastError = error;
  }
}
if (lastError) throw lastError;
