import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { InitialWeightsArtifact } from '../../shared/runs/runArtifacts.js';

/** The SHA-256 of a file, read in chunks (a weights file may be hundreds of MB). */
export function sha256OfFileStreamed(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Why a run that started from a pretrained weights file cannot resume with the file now at `file`:
 * it is gone or unreadable, or its SHA-256 is not the one recorded at the run's first start (the
 * checkpoint continues training that began from other weights). Null when the file is unchanged.
 */
export async function changedInitialWeights(file: string, recorded: Pick<InitialWeightsArtifact, 'sha256'>): Promise<string | null> {
  let now: string;
  try {
    now = await sha256OfFileStreamed(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `it started from the weights file ${file} (SHA-256 ${recorded.sha256}), which cannot be read now (${reason})`;
  }
  return now === recorded.sha256 ? null : otherInitialWeights(file, recorded.sha256, now);
}

/** What a resume says when the weights file's SHA-256 is not the one recorded at the run's first start. */
export function otherInitialWeights(file: string, recorded: string, now: string): string {
  return `it started from the weights file ${file} with SHA-256 ${recorded}, and that file's SHA-256 is now ${now}: put the original file back, or start a new run`;
}
