import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runValidateBenchmark } from './validateBenchmark.js';

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** `npm run bench`: prints each figure with the target it is held to. */
export const runBenchmarks = async (out: (text: string) => void): Promise<void> => {
  await mkdir(DATA_DIR, { recursive: true });
  await stat(DATA_DIR);
  await runValidateBenchmark(DATA_DIR, out);
};
