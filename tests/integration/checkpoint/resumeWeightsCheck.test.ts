/**
 * A run that started from pretrained weights resumes only from the same file: its SHA-256, recorded
 * at the first start, is checked again, and a changed or missing file is refused with both hashes.
 * Real services, training processes and SQLite; a tiny BERT on the CoLA fixture from a state_dict
 * PyTorch wrote.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../../../main/app/createAppServices.js';
import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import type { FromTrainerMessage } from '../../../shared/training/trainerMessages.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { stopAtCheckpoint } from './stopMidRun.js';

const fixtures = fileURLToPath(new URL('../../fixtures/data/', import.meta.url));

describe('resuming a run started from pretrained weights', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'optlab-resume-weights-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const weights = path.join(dir, 'bert-small.safetensors');
  copyFileSync(path.join(fixtures, '..', 'weights', 'bert-small.safetensors'), weights);
  const original = readFileSync(weights);
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('refuses while the weights file differs from the one recorded, or is missing, and resumes once it is back', { timeout: 300_000 }, async () => {
    const services = createAppServices({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true });
    try {
      const config = runConfigSchema.parse({
        dataset: { kind: 'cola', path: path.join(fixtures, 'cola'), vocabFile: path.join(fixtures, 'cola', 'vocab.txt'), maxLength: 12 },
        model: { kind: 'bert', hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 12, dropout: 0, attentionDropout: 0 },
        optimizer: { type: 'adam', lr: 0.01 },
        training: { epochs: 3, batchSize: 16, seed: 3 },
        initialWeights: { path: weights, replaceHead: true },
      });
      const id = await stopAtCheckpoint(services, config, 1, async (runId) => {
        await services.handlers.cancelRun({ id: runId });
        await services.runs.waitForRun(runId);
      });
      assert.equal((await services.handlers.getRun({ id })).status, 'cancelled');
      const recorded = await services.handlers.getInitialWeights({ id });
      assert.equal(recorded?.sha256, sha256(original), 'the first start recorded the file’s SHA-256');

      // Another file under the same name: refused, naming the file and both hashes; nothing changes.
      const changed = Buffer.from(original);
      changed[changed.length - 1] ^= 1;
      writeFileSync(weights, changed);
      await assert.rejects(services.handlers.resumeRun({ id }), (error: Error) => {
        assert.equal(
          error.message,
          `Run ${id} cannot resume: it started from the weights file ${weights} with SHA-256 ${sha256(original)}, and that file's SHA-256 is now ${sha256(changed)}: put the original file back, or start a new run`,
        );
        return true;
      });
      const refused = await services.handlers.getRun({ id });
      assert.equal(refused.status, 'cancelled', 'the refused run stays as it was');

      // The training process checks too (a resume that reaches it another way, e.g. on a cluster): its
      // checkpoint records the file's SHA-256, and the run fails naming both before training a step.
      const handle = new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 }).launch();
      const outcome = new Promise<FromTrainerMessage>((resolve) => handle.onMessage((message) => (message.type === 'failed' || message.type === 'completed' ? resolve(message) : undefined)));
      const metrics: string[] = [];
      handle.onMessage((message) => (message.type === 'metrics' ? metrics.push(message.type) : undefined));
      handle.send({ type: 'start', runId: id, config, dataDir: path.join(dir, 'data'), resume: { path: refused.checkpoint!.path, epoch: refused.checkpoint!.epoch } });
      assert.deepEqual(await outcome, {
        type: 'failed',
        error: `The run cannot resume: it started from the weights file ${weights} with SHA-256 ${sha256(original)}, and that file's SHA-256 is now ${sha256(changed)}: put the original file back, or start a new run`,
      });
      assert.deepEqual(metrics, [], 'no step was trained');

      // The file gone: refused, naming it.
      renameSync(weights, `${weights}.moved`);
      await assert.rejects(services.handlers.resumeRun({ id }), (error: Error) => {
        assert.equal(error.message, `Run ${id} cannot resume: it started from the weights file ${weights} (SHA-256 ${sha256(original)}), which cannot be read now (ENOENT)`);
        return true;
      });

      // The original back: the run resumes and completes.
      writeFileSync(weights, original);
      await services.handlers.resumeRun({ id });
      const done = await services.runs.waitForRun(id);
      assert.equal(done.status, 'completed', done.error ?? '');
      assert.equal(done.progress?.epoch, 3);
    } finally {
      await services.close();
    }
  });
});
