import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { create as createTar } from 'tar';
import { ChecksumMismatchError, downloadFile, type DownloadProgress } from '../../../main/data/download/downloadFile.js';
import { downloadDataset } from '../../../main/data/download/downloadDataset.js';
import type { PublicDataset } from '../../../main/data/download/publicDatasets.js';

/** A local server of fixture files that honours Range requests; `breakNext` cuts the next whole-file answer halfway. */
function fixtureServer(files: Map<string, Buffer>) {
  const requests: { path: string; range: string | undefined }[] = [];
  const state = { breakNext: false };
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    requests.push({ path: name, range: req.headers.range });
    const body = files.get(name);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
    if (state.breakNext) {
      state.breakNext = false;
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  });
  return { server, requests, state };
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('downloadFile against a local HTTP server', () => {
  const payload = randomBytes(3 * 1024 * 1024 + 17);
  const files = new Map([['data.bin', payload]]);
  const fixture = fixtureServer(files);
  let base = '';
  let dir = '';

  before(async () => {
    await new Promise<void>((resolve) => fixture.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(fixture.server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(os.tmpdir(), 'optlab-download-'));
  });
  after(async () => {
    fixture.server.closeAllConnections();
    await new Promise((resolve) => fixture.server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads a file whose checksum matches, reporting progress up to its size', async () => {
    const target = path.join(dir, 'ok', 'data.bin');
    const progress: DownloadProgress[] = [];
    await downloadFile({ url: `${base}/data.bin`, target, checksum: { algorithm: 'sha256', hex: sha256(payload) }, onProgress: (p) => progress.push(p) });
    assert.deepEqual(await readFile(target), payload);
    assert.equal(existsSync(`${target}.part`), false);
    assert.deepEqual(progress.at(-1), { received: payload.length, total: payload.length });
    assert.ok(progress.length > 1);
  });

  it('refuses a file with the wrong checksum and keeps nothing', async () => {
    const target = path.join(dir, 'bad', 'data.bin');
    await assert.rejects(
      downloadFile({ url: `${base}/data.bin`, target, checksum: { algorithm: 'md5', hex: '0'.repeat(32) } }),
      (error: unknown) => error instanceof ChecksumMismatchError && error.actual === md5(payload),
    );
    assert.deepEqual(await readdir(path.dirname(target)), []);
  });

  it('resumes an interrupted transfer with a Range request and ends with the whole, checked file', async () => {
    const target = path.join(dir, 'resume', 'data.bin');
    const checksum = { algorithm: 'md5' as const, hex: md5(payload) };
    fixture.state.breakNext = true;
    await assert.rejects(downloadFile({ url: `${base}/data.bin`, target, checksum }));
    const partSize = (await readFile(`${target}.part`)).length;
    assert.ok(partSize > 0 && partSize < payload.length, `part of ${partSize} bytes`);
    assert.equal(existsSync(target), false);

    const before = fixture.requests.length;
    const progress: DownloadProgress[] = [];
    await downloadFile({ url: `${base}/data.bin`, target, checksum, onProgress: (p) => progress.push(p) });
    assert.deepEqual(fixture.requests.slice(before), [{ path: 'data.bin', range: `bytes=${partSize}-` }]);
    assert.deepEqual(progress[0], { received: partSize, total: payload.length });
    assert.deepEqual(await readFile(target), payload);
    assert.equal(existsSync(`${target}.part`), false);
  });

  it('fails with the status when the server has no such file', async () => {
    await assert.rejects(downloadFile({ url: `${base}/missing.bin`, target: path.join(dir, 'x', 'missing.bin'), checksum: { algorithm: 'md5', hex: '0'.repeat(32) } }), /404/);
  });

  it('downloads a dataset from an overridden address and unpacks its archive into the data folder', async () => {
    const tarDir = path.join(dir, 'tarsrc');
    await mkdir(path.join(tarDir, 'cifar-10-batches-bin'), { recursive: true });
    const batch = randomBytes(3073 * 2);
    await writeFile(path.join(tarDir, 'cifar-10-batches-bin', 'test_batch.bin'), batch);
    const archive = path.join(dir, 'cifar.tar.gz');
    await createTar({ gzip: true, file: archive, cwd: tarDir }, ['cifar-10-batches-bin']);
    const bytes = await readFile(archive);
    files.set('cifar-10-binary.tar.gz', bytes);
    const dataset: PublicDataset = {
      title: 'CIFAR-10',
      baseUrl: 'http://invalid.example',
      folder: 'cifar-10-batches-bin',
      unpack: true,
      files: [{ name: 'cifar-10-binary.tar.gz', checksum: { algorithm: 'md5', hex: md5(bytes) } }],
    };
    const dataDir = path.join(dir, 'data');
    const phases: string[] = [];
    const result = await downloadDataset({ kind: 'cifar10', dataset, dataDir, baseUrl: `${base}/`, onProgress: (p) => phases.push(p.phase) });
    assert.equal(result.folder, path.join(dataDir, 'cifar-10-batches-bin'));
    assert.deepEqual(await readFile(path.join(dataDir, 'cifar-10-batches-bin', 'test_batch.bin')), batch);
    assert.deepEqual(await readdir(path.join(dataDir, '.downloads')), []);
    assert.deepEqual([...new Set(phases)], ['downloading', 'unpacking', 'done']);
  });
});
