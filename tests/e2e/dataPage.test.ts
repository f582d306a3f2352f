import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openBrowserSession, type BrowserSession } from './renderer/support/browserSession.js';

/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: { querySelectorAll(selector: string): ArrayLike<{ getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } }> };

/** In the page: how many sample canvases of a card have at least one non-black pixel. */
function drawnCanvases(kind: string): number {
  const canvases = Array.from(document.querySelectorAll(`[data-kind="${kind}"] canvas`));
  return canvases.filter((c) => Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data).some((v, i) => i % 4 !== 3 && v > 0)).length;
}

describe('Data page (browser mode)', { timeout: 300_000 }, () => {
  let session: BrowserSession;
  before(async () => {
    session = await openBrowserSession();
  });
  after(async () => {
    await session?.close();
  });

  test('lists Fashion-MNIST (system copy or the bundled subset) with its classes and a grid of drawn sample images', async () => {
    const { page } = session;
    await page.click('nav a[href="#/data"]');
    const card = page.locator('[data-kind="fashion-mnist"]');
    await card.locator('canvas').nth(15).waitFor();
    const text = await card.innerText();
    assert.match(text, /present/);
    assert.match(text, /(system|bundled subset): \S*fashion-mnist/);
    assert.match(text, /10 classes/);
    assert.match(text, /T-shirt\/top, Trouser, Pullover/);
    assert.equal(await page.evaluate(drawnCanvases, 'fashion-mnist'), 16);
    // The first training image of Fashion-MNIST is an ankle boot.
    assert.equal(await card.locator('figure').first().locator('figcaption').innerText(), 'Ankle boot');
    const listed = (await session.call('listDatasets', {})).find((d) => d.kind === 'fashion-mnist');
    assert.ok(listed && listed.trainCount >= 5000, 'the subset has 5,000 training images, the full set 60,000');
  });

  test('every kind is listed; the public ones can be downloaded; the bundled text shows its first lines', async () => {
    const { page } = session;
    for (const kind of ['fashion-mnist', 'mnist', 'cifar10', 'cifar100', 'image-folder', 'text-csv', 'text-lm']) await page.locator(`[data-kind="${kind}"]`).waitFor();
    for (const kind of ['fashion-mnist', 'mnist', 'cifar10', 'cifar100']) {
      assert.equal(await page.locator(`[data-kind="${kind}"] button`, { hasText: 'Download' }).count(), 1, kind);
    }
    assert.equal(await page.locator('[data-kind="image-folder"] button', { hasText: 'Download' }).count(), 0);
    const lines = page.locator('[data-kind="text-lm"] pre[aria-label="sample lines"]');
    await lines.waitFor();
    assert.match(await lines.innerText(), /^When in the Course of human events/);
  });

  test('a path given on the image-folder card shows its images with their class', async () => {
    const { page } = session;
    const card = page.locator('[data-kind="image-folder"]');
    await card.locator('input[type="text"]').fill(new URL('../fixtures/data/image-folder', import.meta.url).pathname);
    await card.getByRole('button', { name: 'Show samples' }).click();
    await card.locator('figure').first().waitFor();
    const labels = await card.locator('figcaption').allInnerTexts();
    assert.ok(labels.includes('circle') && labels.includes('square'), labels.join(','));
    // A missing folder is reported on the card.
    await card.locator('input[type="text"]').fill('/no/such/folder');
    await card.getByRole('button', { name: 'Show samples' }).click();
    await card.locator('[role="alert"]').waitFor();
    assert.match(await card.locator('[role="alert"]').innerText(), /no\/such\/folder/);
  });

  test('imports the CIFAR-10 fixture batches from a folder into the data folder, after which the card says present', async () => {
    const { page } = session;
    const card = page.locator('[data-kind="cifar10"]');
    assert.match(await card.innerText(), /missing/);
    await card.getByLabel('import from').fill(new URL('../fixtures/data/cifar-10-batches-bin', import.meta.url).pathname);
    await card.getByRole('button', { name: 'Import' }).click();
    const reloaded = page.locator('[data-kind="cifar10"] .status.ok');
    await reloaded.waitFor();
    assert.match(await page.locator('[data-kind="cifar10"]').innerText(), /present[\s\S]*data folder: \S*optlab-e2e-\S*\/data\/cifar-10-batches-bin/);
  });

  test('the data folder setting is saved and applies from the next start', async () => {
    const { page } = session;
    const settings = page.locator('[data-testid="data-settings"]');
    const inUse = await settings.locator('[data-testid="data-dir"]').innerText();
    const chosen = `${inUse}-elsewhere`;
    await settings.locator('input[name="data-dir"]').fill(chosen);
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.locator('[role="status"]').waitFor();
    assert.match(await settings.locator('[role="status"]').innerText(), /used from the next start/);
    assert.equal((await session.call('getDataSettings', {})).configured, chosen);
    await settings.locator('input[name="data-dir"]').fill('not/absolute');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.locator('[role="alert"]').waitFor();
    assert.match(await settings.locator('[role="alert"]').innerText(), /absolute path/);
    await settings.getByRole('button', { name: 'Use the default' }).click();
    await settings.locator('[role="status"]').waitFor({ state: 'detached' });
    assert.equal((await session.call('getDataSettings', {})).configured, null);
  });

  test('a download from a mirror whose file differs from the published one is refused on the page and nothing is kept', async () => {
    const { page } = session;
    // A local "mirror" that serves the bundled Fashion-MNIST subset under MNIST's file names: real IDX files, wrong checksums.
    const subset = new URL('../../data/fashion-mnist-subset/', import.meta.url).pathname;
    const served: string[] = [];
    const server = http.createServer((req, res) => {
      const name = path.basename(req.url ?? '');
      served.push(name);
      readFile(path.join(subset, name)).then(
        (body) => res.writeHead(200, { 'Content-Length': body.length }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const card = page.locator('[data-kind="mnist"]');
      await card.getByLabel('mirror address').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mnist`);
      await card.getByRole('button', { name: 'Download' }).click();
      const failed = card.locator('.progress', { hasText: 'failed' });
      await failed.waitFor();
      assert.match(await failed.innerText(), /train-images-idx3-ubyte\.gz: checksum mismatch \(expected f68b3c2dcbeaaa9fbdd348bbdeb94873, got [0-9a-f]{32}\); the file was not kept/);
      assert.deepEqual(served, ['train-images-idx3-ubyte.gz']);
      const { dataDir } = await session.call('getDataSettings', {});
      assert.deepEqual(await readdir(path.join(dataDir, 'mnist')), []);
      assert.match(await card.innerText(), /missing/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
