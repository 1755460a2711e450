import { describe, expect, it } from 'vitest';
import { namesAny, scrubJson, scrubJsonLines } from '../../../tools/operator/erasure/scrub.js';

const codes = new Set(['C3']);

describe('what erase does to each kind of object (#23)', () => {
  it('drops a customer’s records, list entries and map entries from a JSON record, and keeps the rest', () => {
    const manifest = {
      rejected: [
        { line: 3, customerCode: 'C3', customerName: 'Boutique 3', value: 'x' },
        { line: 4, customerCode: 'C4', customerName: 'Boutique 4' },
      ],
      sentHashes: { C3: 'h3', C4: 'h4' },
      missingCodes: ['C3', 'C5'],
      counts: { rows: 4 },
    };
    expect(scrubJson(manifest, codes)).toEqual({
      rejected: [{ line: 4, customerCode: 'C4', customerName: 'Boutique 4' }],
      sentHashes: { C4: 'h4' },
      missingCodes: ['C5'],
      counts: { rows: 4 },
    });
    expect(scrubJson({ version: 1, hashes: { C4: 'h' } }, codes)).toEqual({
      version: 1,
      hashes: { C4: 'h' },
    });
  });

  it('drops the customer’s line of a JSON-lines chunk, and refuses what is not JSON lines', () => {
    const chunk =
      '{"customerCode":"C3","fields":{"email":"b3@x.example"}}\n{"customerCode":"C4","fields":{}}\n';
    expect(scrubJsonLines(chunk, codes)).toBe('{"customerCode":"C4","fields":{}}\n');
    expect(scrubJsonLines('not json\n', codes)).toBeUndefined();
  });

  it('finds a code in a rendered report only as a whole word', () => {
    expect(namesAny('<td>C3</td>', codes)).toBe(true);
    expect(namesAny('<td>C30</td><td>XC3</td>', codes)).toBe(false);
  });
});
