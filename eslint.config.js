import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './svelte.config.js';

// Layering (as VS Code's code-layering rule): shared/ is platform-neutral, renderer/ sees only shared/,
// main/ never imports electron outside main/electron-main/, and nothing imports the Electron shell.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto', 'url', 'worker_threads', 'stream', 'zlib', 'net'];

const sharedPatterns = [
  { group: nodeBuiltins, message: 'shared/ is platform-neutral: no Node built-ins.' },
  { group: ['electron', 'better-sqlite3', '**/main/**', '**/renderer/**'], message: 'shared/ imports only shared/ and platform-neutral libraries.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.cache/**', 'types/**', 'native/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
    rules: {
      // The app keeps collections in `$state.raw` and replaces them whole (STYLE.md: large series are
      // replaced, not mutated); Maps and Sets built inside a computation are plain values.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js', 'native/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['native/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: sharedPatterns }] },
  },
  {
    // Pure logic throws the errors of shared/errors/; the transport's ApiError is the API's to build.
    files: ['shared/**/*.ts'],
    ignores: ['shared/api/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...sharedPatterns, { group: ['**/api/apiError*'], message: 'Pure logic throws InputError (shared/errors/); main/app/apiErrorOf.ts maps it to an API code.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'better-sqlite3'], message: 'renderer/ runs in a browser: it talks to the services through the typed API only.' },
          { group: ['**/main/**'], message: 'renderer/ imports shared/ only.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron-main/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only main/electron-main/ may import electron; services stay Electron-free.' },
          { group: ['**/electron-main/**'], message: 'Nothing imports the Electron shell.' },
          { group: ['**/renderer/**'], message: 'main/ does not import the renderer.' },
          { group: ['**/trainingProcess/**'], message: 'main/trainingProcess/ runs in the training process: services start it by its entry path, they do not import it.' },
        ],
      }],
    },
  },
  {
    // The training process talks to the main process through its message channel only: it loads data,
    // models, backends and checkpoints, never the services (store, queue, server, CLI, app wiring).
    files: ['main/trainingProcess/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only main/electron-main/ may import electron.' },
          { group: ['**/electron-main/**', '**/renderer/**'], message: 'The training process imports shared/ and its own main/ modules only.' },
          { group: ['**/store/*', '**/runs/*', '**/app/*', '**/server/*', '**/cli/**', '!**/shared/**'], message: 'The training process does not import main-process services; it reports through its message channel.' },
        ],
      }],
    },
  },
);
