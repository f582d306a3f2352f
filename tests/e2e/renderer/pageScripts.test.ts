import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';

describe('each page but the runs list is a script of its own, loaded when first opened', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('the runs page loads no other page’s script; Compare’s is loaded when it opens, and one that cannot be loaded says so', async () => {
    const { page } = session;
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.js')) scripts.push(request.url().replace(/.*\//, ''));
    });
    await page.goto(new URL('#/runs', session.url).href);
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
    assert.ok(!scripts.some((name) => /Page-/.test(name)), `no page script loaded for the runs page: ${scripts.join(', ')}`);
    assert.ok(!scripts.some((name) => name.startsWith('chartSetup-')), `Chart.js is not loaded for the runs page: ${scripts.join(', ')}`);

    await page.goto(new URL('#/experiments', session.url).href);
    await page.getByRole('heading', { name: 'Experiments' }).first().waitFor();
    assert.ok(scripts.some((name) => name.startsWith('ExperimentsPage-')), `the Experiments page's script: ${scripts.join(', ')}`);

    // A page whose script cannot be fetched (the app updated under a running window, say) says what happened.
    await page.route('**/assets/ComparePage-*.js', (route) => route.abort());
    await page.goto(new URL('#/compare/1', session.url).href);
    await page.getByRole('heading', { name: 'This page could not be loaded' }).waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Reload the app to try again/);
  });
});
