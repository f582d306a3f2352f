import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';

// Fashion-MNIST is searched in the data folder (the session's own, empty), the system datasets folder
// and the bundled subset: both of those point at an empty folder here, so the dataset is missing.
const empty = mkdtempSync(join(tmpdir(), 'optlab-no-datasets-'));
process.env.OPTLAB_SYSTEM_DATASETS_DIR = empty;
process.env.OPTLAB_BUNDLED_DATA_DIR = empty;

describe('the welcome panel when the Fashion-MNIST dataset is missing (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite('#/runs');
  after(() => rmSync(empty, { recursive: true, force: true }));

  test('the dataset example is offered disabled with where the app looked; the Rosenbrock example still trains', async () => {
    const { page, call } = session;
    await page.locator('[data-welcome]').waitFor();
    const fashion = (await call('listDatasets', {})).find((d) => d.kind === 'fashion-mnist')!;
    assert.equal(fashion.available, false);
    assert.match(fashion.source, new RegExp(`looked in .*${join(empty, 'fashion-mnist').replaceAll('/', '\\/')}`));

    const study = page.locator('[data-example="mas-lambda-fashion-mnist"]');
    const missing = study.locator('button[data-missing-dataset="fashion-mnist"]');
    await missing.waitFor();
    assert.equal(await missing.innerText(), 'Needs the Fashion-MNIST dataset: not found');
    assert.ok(await missing.isDisabled());
    assert.equal(await study.locator('[data-start-example]').count(), 0, 'no button starts it');
    assert.equal(await study.locator('[data-missing-reason]').innerText(), fashion.source, 'the reason says where the app looked');
    assert.equal(await study.locator('a[href="#/data"]').count(), 1, 'and points to the Data page');
    if (process.env.OPTLAB_SCREENSHOTS) await page.locator('[data-welcome]').screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/welcome-without-dataset.png` });

    await page.click('[data-start-example="toy-surface"]');
    await page.waitForURL(/#\/compare\/experiment\/\d+$/);
    const experimentId = Number(/(\d+)$/.exec(page.url())![1]);
    for (;;) {
      const experiment = await call('getExperiment', { id: experimentId });
      const finished = Object.entries(experiment.statusCounts).filter(([status]) => status !== 'queued' && status !== 'running');
      if (finished.reduce((n, [, count]) => n + count, 0) === 3) {
        assert.deepEqual(experiment.statusCounts, { completed: 3 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.locator('[data-chart="compare"][data-lines="3"]').waitFor({ timeout: 30_000 });
  });
});
