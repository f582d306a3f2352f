#!/usr/bin/env node
// The `optlab` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/optlab.ts');
