import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzViolations } from '../helpers/fuzzVerdict.js';
import { hostileFile } from '../helpers/mutations.js';

/** How many mutated files `npm test` tries; `npm run bench -- fuzz` runs a long campaign of the same check. */
const RUNS = 150;

const encodings = fc.constantFrom('auto', 'utf-8', 'windows-1252') as fc.Arbitrary<
  'auto' | 'utf-8' | 'windows-1252'
>;

// Issue #11: whatever the bytes, `validate` gives exactly one verdict, never throws, and accounts for every line.
describe('validate on mutated files (fuzz)', () => {
  it('returns one verdict for any mutation of a valid file: quotes, delimiters, line breaks, bad bytes, BOMs, NULs, huge values, cuts', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileFile,
        encodings,
        fc.integer({ min: 1, max: 4096 }),
        async ({ bytes }, encoding, chunk) => {
          expect(await fuzzViolations(bytes, encoding, chunk)).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
