import { readFile, stat } from 'node:fs/promises';

const defaultMaxBytes = 512 * 1024 * 1024;

/** Reads a JSON file of at most `maxBytes` (default 512 MB, about the longest string Node holds); errors name the file and what is wrong with it. */
export async function readJsonFile(file: string, maxBytes = defaultMaxBytes): Promise<unknown> {
  const text = await readTextFile(file, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a text file of at most `maxBytes` (default 512 MB); errors name the file and what is wrong. */
export async function readTextFile(file: string, maxBytes = defaultMaxBytes): Promise<string> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > maxBytes) throw new Error(`${file} is ${Math.round(size / 1024 / 1024)} MB, more than the ${Math.round(maxBytes / 1024 / 1024)} MB a file may have here`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code ? new Error(`cannot read ${file}: ${code}`) : error;
  }
  return text;
}
