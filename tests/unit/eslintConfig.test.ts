import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

test('ESLint checks .svelte files, with the renderer layering rule and TypeScript in <script lang="ts">', async () => {
  const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
  const source = `<script lang="ts">\n  import { readFileSync } from 'node:fs';\n  const unused: number = 1;\n</script>\n\n<p>{readFileSync}</p>\n`;
  const [result] = await eslint.lintText(source, { filePath: 'renderer/src/LintProbe.svelte' });
  const rules = result.messages.map((m) => m.ruleId);
  assert.ok(rules.includes('no-restricted-imports'), `renderer layering in .svelte: ${JSON.stringify(result.messages)}`);
  assert.ok(rules.includes('@typescript-eslint/no-unused-vars'), 'TypeScript rules in .svelte');
});
