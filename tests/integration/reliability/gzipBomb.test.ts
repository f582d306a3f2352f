import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadDataset } from '../../../main/data/loadDataset.js';
import { encodeIdx } from '../../../shared/ml/data/idx.js';
import { appServicesForSuite } from '../../support/tempAppServices.js';

/** An IDX header: magic, then each dimension as a big-endian uint32. */
function idxHeader(dims: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return header;
}

/**
 * A gzip bomb in the data folder (a few hundred KB that unpack to 1 GiB) used to be unpacked whole
 * for the Data page's samples, blocking the server for seconds at gigabytes: the header's sizes now
 * bound what is unpacked.
 */
describe('a gzip bomb in the data folder', () => {
  const services = appServicesForSuite('gzip-bomb');

  const writeMnist = (trainImages: Buffer) => {
    const folder = path.join(services.dataDir, 'mnist');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'train-images-idx3-ubyte.gz'), trainImages);
    writeFileSync(path.join(folder, 'train-labels-idx1-ubyte'), encodeIdx([100], new Uint8Array(100)));
    writeFileSync(path.join(folder, 't10k-images-idx3-ubyte'), encodeIdx([10, 28, 28], new Uint8Array(10 * 28 * 28)));
    writeFileSync(path.join(folder, 't10k-labels-idx1-ubyte'), encodeIdx([10], new Uint8Array(10)));
    return path.join(folder, 'train-images-idx3-ubyte.gz');
  };

  it('unpacks no more than the header declares: samples come quickly, training is refused naming the file', async () => {
    // The header declares 100 images (78 KB); the stream goes on for 1 GiB of zeros (gzip members, 1 MiB each).
    const member = gzipSync(Buffer.alloc(1 << 20));
    const bomb = Buffer.concat([gzipSync(Buffer.concat([idxHeader([100, 28, 28]), Buffer.alloc(100 * 28 * 28)])), ...Array.from({ length: 1024 }, () => member)]);
    const file = writeMnist(bomb);
    assert.ok(statSync(file).size < 4 << 20, 'the bomb is small on disk');

    const before = process.memoryUsage().rss;
    const started = performance.now();
    const samples = await services.handlers.getDatasetSamples({ dataset: { kind: 'mnist', trainLimit: 0, testLimit: 0 }, count: 16 });
    assert.equal(samples.images.length, 16);
    await assert.rejects(loadDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, services.dataDir), /train-images-idx3-ubyte\.gz: unpacks to more than the 78416 bytes its header declares/);
    const seconds = (performance.now() - started) / 1000;
    const grownMb = (process.memoryUsage().rss - before) / (1 << 20);
    assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s`);
    assert.ok(grownMb < 300, `grew ${grownMb.toFixed(0)} MB (unpacked whole: 1 GiB)`);
  });

  it('refuses a header that declares more than an IDX file may hold, before unpacking anything', async () => {
    writeMnist(gzipSync(Buffer.concat([idxHeader([1_000_000, 256, 256]), Buffer.alloc(1024)])));
    await assert.rejects(loadDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, services.dataDir), /declares \[1000000, 256, 256\], 65536000016 bytes, more than/);
    await assert.rejects(services.handlers.getDatasetSamples({ dataset: { kind: 'mnist', trainLimit: 0, testLimit: 0 }, count: 16 }), (error: Error & { code?: string }) => {
      assert.match(error.message, /more than/);
      return true;
    });
  });
});
