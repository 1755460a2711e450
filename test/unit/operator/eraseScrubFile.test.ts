import { describe, expect, it } from 'vitest';
import { defaultTenantConfig } from '../../../lambdas/core/config/index.js';
import { CANONICAL_FIELDS } from '../../../lambdas/core/fields.js';
import { scrubFile } from '../../../tools/operator/erasure/scrubFile.js';
import { Traces } from '../../../tools/operator/erasure/Traces.js';

const tenant = { ...defaultTenantConfig(), tenantId: 'maison' };

/** A record of the standard template with these values, the others empty. */
const record = (values: Record<string, string>, delimiter = '|') =>
  CANONICAL_FIELDS.map((field) => values[field] ?? '').join(delimiter);
const customer = (code: string, name: string) =>
  record({
    customer_code: code,
    customer_name: name,
    email: `${code.toLowerCase()}@shop.example`,
    currency: 'EUR',
    price_label: 'Wholesale EUR',
    address_type: 'billing',
    address_1: `${code} street`,
    city: 'Paris',
    country: 'FR',
  });

describe('a file as the ERP sent it, scrubbed by the pipeline’s reader (#35)', () => {
  it('keeps a UTF-8 byte-order mark when the first line goes (a file without header)', async () => {
    const text = `${customer('C2', 'Marie')}\n${customer('C1', 'Jean')}\n`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const traces = new Traces(new Set(['C2']));
    const scrubbed = await scrubFile(bytes, tenant, traces);
    expect(scrubbed).toMatchObject({ readable: true, encoding: 'utf-8', removed: 1 });
    if (!scrubbed.readable) return;
    expect(scrubbed.body).toEqual(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${customer('C1', 'Jean')}\n`)]),
    );
    expect(traces.counts.values).toBeGreaterThanOrEqual(3);
  });

  it('cuts UTF-16 big-endian lines ended by a lone CR, and a quoted field with CRLF inside goes with its record', async () => {
    const header = CANONICAL_FIELDS.join('|');
    const marie = customer('C2', 'Marie').replace('||billing', '|"call\r\nMarie"|billing');
    const text = `${header}\r${customer('C1', 'Jean')}\r${marie}\r${customer('C3', 'Chloé')}\r`;
    const be = Buffer.from(text, 'utf16le').swap16();
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    const scrubbed = await scrubFile(bytes, tenant, new Traces(new Set(['C2'])));
    expect(scrubbed).toMatchObject({ readable: true, encoding: 'utf-16be', removed: 1 });
    if (!scrubbed.readable) return;
    const kept = `${header}\r${customer('C1', 'Jean')}\r${customer('C3', 'Chloé')}\r`;
    expect(scrubbed.body).toEqual(
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(kept, 'utf16le').swap16()]),
    );
  });

  it('reads again as Windows-1252 a file whose first bad byte comes after many records, dropping what the first reading handed on', async () => {
    const many = Array.from({ length: 20_000 }, (_, k) => customer(`C${100 + k}`, `Shop ${k}`));
    const last = customer('C9', 'Chloé');
    const text = `${CANONICAL_FIELDS.join('|')}\n${many.join('\n')}\n${last}\n`;
    const bytes = Buffer.from(text, 'latin1');
    const traces = new Traces(new Set(['C100', 'C9']));
    const scrubbed = await scrubFile(bytes, tenant, traces);
    expect(scrubbed).toMatchObject({ readable: true, encoding: 'windows-1252', removed: 2 });
    if (!scrubbed.readable) return;
    // Compared as text: a deep comparison of megabytes of bytes crawls.
    expect(scrubbed.body.toString('latin1')).toBe(
      `${CANONICAL_FIELDS.join('|')}\n${many.slice(1).join('\n')}\n`,
    );
    expect(traces.hitsIn('Chloé').map((h) => h.kind)).toEqual(['name']);
  });

  it('reads a semicolon file under a pipe tenant with its own delimiter, and calls a file with a quote never closed unreadable', async () => {
    const header = CANONICAL_FIELDS.join(';');
    const text = `${header}\n${customer('C1', 'Jean').replaceAll('|', ';')}\n${customer('C2', 'Marie').replaceAll('|', ';')}\n`;
    const scrubbed = await scrubFile(Buffer.from(text), tenant, new Traces(new Set(['C2'])));
    expect(scrubbed).toMatchObject({ readable: true, removed: 1 });
    const unclosed = `${CANONICAL_FIELDS.join('|')}\n${customer('C1', 'Jean')}\n"C2|Marie\n${customer('C3', 'Chloé')}\n`;
    expect(await scrubFile(Buffer.from(unclosed), tenant, new Traces(new Set(['C2'])))).toMatchObject({
      readable: false,
      reason: expect.stringMatching(/quote/),
    });
  });
});
