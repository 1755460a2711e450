import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../../../lambdas/core/reading/ReadError.js';
import { type ReadOptions, readRecords } from '../../../lambdas/core/reading/readRecords.js';
import { sourceOf } from '../../helpers/sources.js';

const read = async (content: string | Uint8Array, options: Partial<ReadOptions> = {}, chunkSize = 7) => {
  const records: { line: number; cells: string[] }[] = [];
  const summary = await readRecords(
    sourceOf(content, chunkSize),
    { delimiter: '|', encoding: 'utf-8', ...options },
    (cells, line) => {
      records.push({ line, cells });
      return true;
    },
  );
  return { records, summary };
};

describe('readRecords', () => {
  it('reads LF and CRLF lines and strips a UTF-8 BOM', async () => {
    const { records } = await read('\uFEFFa|b\r\nc|d\ne|f');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
    ]);
  });

  it('keeps the physical line of each record when quoted fields hold line breaks', async () => {
    const { records } = await read('h|h\n"two\nlines"|x\r\n"three\r\nmore\rlines"|y\nlast|z\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 7]);
    expect(records[1]!.cells).toEqual(['two\nlines', 'x']);
  });

  it('reads quoted delimiters and doubled quotes with any delimiter', async () => {
    for (const delimiter of ['|', ',', ';', '\t', ' ']) {
      const { records } = await read(`"a${delimiter}b"${delimiter}"say ""hi"""`, { delimiter });
      expect(records[0]!.cells).toEqual([`a${delimiter}b`, 'say "hi"']);
    }
  });

  it('decodes characters split across chunks', async () => {
    const { records } = await read('Galeries Étoile|日本|€', {}, 1);
    expect(records[0]!.cells).toEqual(['Galeries Étoile', '日本', '€']);
  });

  it('reads a large chunk handed to the parser in pieces: rows, characters outside the BMP and CRLF survive every cut', async () => {
    // Each row is 11 UTF-16 units: the 16,384-unit pieces end at every offset of a row, inside pairs and CRLFs.
    const rows = Array.from({ length: 50_000 }, (_, k) => `${String(k).padStart(5, '0')}|👗é\r\n`);
    const quoted = `"multi\r\nline 👠"|x\r\n`;
    const text = rows.slice(0, 6000).join('') + quoted + rows.slice(6000).join('');
    const { records, summary } = await read(text, {}, text.length * 4);
    expect(records).toHaveLength(50_001);
    expect(records.every((r) => r.cells[1] === '👗é' || r.cells[1] === 'x')).toBe(true);
    expect(records[6000]).toEqual({ line: 6001, cells: ['multi\r\nline 👠', 'x'] });
    expect(records[6001]).toEqual({ line: 6003, cells: ['06000', '👗é'] });
    expect(records.at(-1)).toEqual({ line: 50_002, cells: ['49999', '👗é'] });
    expect(summary.lines).toBe(50_002);
  });

  it('refuses bytes that are not UTF-8 when asked for UTF-8', async () => {
    await expect(read(Buffer.from([0x43, 0xe9, 0x7c, 0x61]))).rejects.toMatchObject({ kind: 'not_utf8' });
  });

  it('decodes Windows-1252', async () => {
    const { records } = await read(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x7c, 0x80]), {
      encoding: 'windows-1252',
    });
    expect(records[0]!.cells).toEqual(['Café', '€']);
  });

  it('refuses binary content', async () => {
    const error = await read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect(error).toMatchObject({ code: 'unreadable_file', kind: 'binary' });
  });

  it('reads a file that starts with a UTF-16 byte-order mark as UTF-16, whatever was asked, and says so', async () => {
    const le = Buffer.from('\uFEFFCafé|€\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    // One-byte chunks: the decoder waits for the mark's second byte before it decides.
    for (const [bytes, order] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      for (const encoding of ['utf-8', 'windows-1252'] as const) {
        const { records, summary } = await read(bytes, { encoding }, 1);
        expect(records).toEqual([{ line: 1, cells: ['Café', '€'] }]);
        expect(summary.encoding).toBe(order);
      }
    }
  });

  it('reads in the encoding asked for without the mark, a file shorter than the mark included', async () => {
    expect((await read('a|b\n', { encoding: 'windows-1252' })).summary.encoding).toBe('windows-1252');
    const { records, summary } = await read(Buffer.from([0x61]), {}, 1);
    expect(records).toEqual([{ line: 1, cells: ['a'] }]);
    expect(summary.encoding).toBe('utf-8');
    expect((await read('')).summary).toMatchObject({ bytes: 0, encoding: 'utf-8' });
  });

  it('names the encoding it found in the error of a UTF-16 file that is not UTF-16', async () => {
    // A lone high surrogate after the mark: not UTF-16 text.
    const error = await read(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00])).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'undecodable', encoding: 'utf-16le' });
  });

  it('counts the bytes read', async () => {
    const { summary } = await read('ab|c\n');
    expect(summary.bytes).toBe(5);
  });

  it('stops when the visitor says so', async () => {
    const seen: number[] = [];
    await readRecords(sourceOf('a\nb\nc\n'), { delimiter: '|', encoding: 'utf-8' }, (_cells, line) => {
      seen.push(line);
      return line < 2;
    });
    expect(seen).toEqual([1, 2]);
  });
});

describe('readRecords on csv-spectrum', () => {
  const spectrum = join(createRequire(import.meta.url).resolve('csv-spectrum/package.json'), '..');
  const cases = readdirSync(join(spectrum, 'csvs')).map((name) => name.replace(/\.csv$/, ''));

  // csv-spectrum's own expectation for this case is a single object whose phone number differs from its CSV.
  const knownDataErrors: Record<string, string[]> = { location_coordinates: ['Contact Phone Number'] };

  it.each(cases)('%s', async (name) => {
    const csv = readFileSync(join(spectrum, 'csvs', `${name}.csv`));
    const parsed = JSON.parse(readFileSync(join(spectrum, 'json', `${name}.json`), 'utf8')) as
      | Record<string, string>
      | Record<string, string>[];
    const ignored = knownDataErrors[name] ?? [];
    const withoutIgnored = (o: Record<string, string>) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => !ignored.includes(k)));
    const expected = [parsed].flat().map(withoutIgnored);
    const { records } = await read(csv, { delimiter: ',' });
    const nonBlank = records.filter((r) => r.cells.length > 0);
    const [header, ...rows] = nonBlank.map((r) => r.cells);
    const objects = rows.map((cells) =>
      withoutIgnored(Object.fromEntries(header!.map((key, k) => [key, cells[k] ?? '']))),
    );
    expect(objects).toEqual(expected);
  });
});
