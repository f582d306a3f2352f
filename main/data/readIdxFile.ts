import { IdxFormatError, parseIdx, parseIdxHeader, type IdxArray } from '../../shared/ml/data/idx.js';
import { readDataFile, readDataFileHead } from './readDataFile.js';

/** The largest IDX file (unpacked) a dataset may have: MNIST's largest is 47 MB. */
export const maxIdxFileBytes = 2 * 1024 ** 3;

/**
 * Reads an unsigned-byte IDX file (gzipped or raw) by what its header declares: a header declaring
 * more than `maxBytes` is refused before anything is unpacked, and a file that unpacks to more than
 * its header declares is stopped there (a 2 MB gzip bomb is not unpacked to 2 GiB). With `limit`,
 * only the first `limit` items are read (their bytes streamed from the file's start): `dims` stay the
 * file's, `data` holds those items.
 */
export async function readIdxFile(file: string, options: { limit?: number; maxBytes?: number } = {}): Promise<IdxArray> {
  const maxBytes = options.maxBytes ?? maxIdxFileBytes;
  const first = await readDataFileHead(file, 4);
  const ndims = first.length >= 4 ? first[3] : 0;
  const { dims, headerBytes } = parseIdxHeader(first.length >= 4 ? await readDataFileHead(file, 4 + 4 * ndims) : first, file);
  const itemBytes = dims.slice(1).reduce((a, b) => a * b, 1);
  const declared = headerBytes + dims[0] * itemBytes;
  if (declared > maxBytes) {
    throw new IdxFormatError(file, `its header declares [${dims.join(', ')}], ${declared} bytes, more than the ${maxBytes} an IDX file may have`);
  }
  const limit = options.limit ?? 0;
  if (limit > 0 && limit < dims[0]) {
    const wanted = headerBytes + limit * itemBytes;
    const bytes = await readDataFileHead(file, wanted);
    if (bytes.length < wanted) throw new IdxFormatError(file, `truncated: the first ${limit} items need ${wanted} bytes, the file has ${bytes.length}`);
    return { dims, data: bytes.subarray(headerBytes, wanted) };
  }
  return parseIdx(await readDataFile(file, { maxBytes: declared }), file);
}
