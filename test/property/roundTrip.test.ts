import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode as encodeWindows1252 } from 'windows-1252';
import { parseTenantConfig } from '../../lambdas/core/config/parseTenantConfig.js';
import { collectCustomers } from '../../lambdas/core/grouping/collectCustomers.js';
import { validateFile } from '../../lambdas/core/index.js';
import type { Address, Customer } from '../../lambdas/core/types.js';
import { sourceOf } from '../helpers/sources.js';
import { writeCustomerFile } from '../helpers/writeCustomerFile.js';

// Text a brand might send: letters of Windows-1252 (so every encoding can carry it), the delimiters, quotes, line breaks.
const CHARS = 'abcdeXYZ0123 ÉéèçñüßØ€"|,;\t\n-&\'.';
const text = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength })
    .map((chars) => chars.join('').trim())
    .filter((value) => value.length > 0);
const optionalText = (maxLength: number) => fc.option(text(maxLength), { nil: undefined });

const place = fc.constantFrom(
  { city: 'New York', state: 'NY', postalCode: '10012', country: 'US' },
  { city: 'Toronto', state: 'ON', postalCode: 'M5V 3L9', country: 'CA' },
  { city: 'Paris', postalCode: '75009', country: 'FR' },
  { city: 'Hong Kong', country: 'HK' },
);

const address = (addressCode: fc.Arbitrary<string | undefined>): fc.Arbitrary<Address> =>
  fc
    .record({
      addressCode,
      addressName: optionalText(30),
      address1: text(40),
      address2: optionalText(20),
      place,
    })
    .map(({ place: p, ...rest }) => {
      const result: Address = { ...p, address1: rest.address1 };
      if (rest.addressCode !== undefined) result.addressCode = rest.addressCode;
      if (rest.addressName !== undefined) result.addressName = rest.addressName;
      if (rest.address2 !== undefined) result.address2 = rest.address2;
      return result;
    });

const customer = (index: number, maxShipping: number): fc.Arbitrary<Customer> =>
  fc
    .record({
      customerName: text(40),
      notes: optionalText(60),
      priceLabel: text(20),
      billing: address(fc.constant(undefined)),
      shipping: fc.uniqueArray(address(fc.stringMatching(/^[A-Z]{1,4}$/)), {
        maxLength: maxShipping,
        selector: (a) => a.addressCode,
      }),
    })
    .map(({ notes, shipping, ...rest }) => ({
      customerCode: `C${index}`,
      currency: 'EUR',
      ...rest,
      ...(notes === undefined ? {} : { notes }),
      shipping: [...shipping].sort((a, b) => (a.addressCode ?? '').localeCompare(b.addressCode ?? '')),
    }));

const customers = (maxShipping: number) =>
  fc
    .integer({ min: 1, max: 6 })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, k) => customer(k + 1, maxShipping))));

const shuffle = <T>(items: T[], seed: number): T[] => {
  const copy = [...items];
  for (let k = copy.length - 1; k > 0; k -= 1) {
    const j = (seed * (k + 7)) % (k + 1);
    [copy[k], copy[j]] = [copy[j]!, copy[k]!];
  }
  return copy;
};

describe('reading back what was written', () => {
  const settings = fc.record({
    layout: fc.constantFrom('address-rows' as const, 'wide' as const),
    delimiter: fc.constantFrom('|', ',', ';', '\t', ' '),
    header: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'windows-1252'),
    lineEnding: fc.constantFrom('\n' as const, '\r\n' as const),
    seed: fc.nat(1000),
  });

  it('gives back the same customers in every template, delimiter and encoding', async () => {
    await fc.assert(
      fc.asyncProperty(settings, customers(3), async (s, written) => {
        const expected =
          s.layout === 'wide' ? written.map((c) => ({ ...c, shipping: c.shipping.slice(0, 1) })) : written;
        let content = writeCustomerFile(expected, {
          layout: s.layout,
          delimiter: s.delimiter,
          header: s.header,
          lineEnding: s.lineEnding,
        });
        if (s.layout === 'address-rows' && s.header) {
          // Rows of one customer need not be adjacent.
          const [head, ...lines] = content.split(
            s.lineEnding === '\r\n' ? /(?<=\r\n)/ : /(?<=\n)(?=C\d|"C\d)/,
          );
          content = head + shuffle(lines, s.seed).join('');
        }
        const bytes =
          s.encoding === 'utf-8' ? Buffer.from(content, 'utf8') : Buffer.from(encodeWindows1252(content));
        // The encoding is declared: under `auto` a Windows-1252 text can happen to be valid UTF-8 (the bytes of
        // "ß€", DF 80, are one UTF-8 character), an ambiguity the auto-detection tests cover on their own.
        const tenant = parseTenantConfig({
          tenantId: 'prop',
          delimiter: s.delimiter,
          template: { kind: s.layout },
          header: s.header,
          encoding: s.encoding,
        });
        const source = sourceOf(bytes, 13);
        const validation = await validateFile('customer.txt', source, tenant);
        expect(validation.rejected).toEqual([]);
        expect(validation.refusal).toBeUndefined();
        expect(validation.encoding).toBe(s.encoding);
        const read = await collectCustomers(
          source,
          tenant,
          validation.encoding,
          new Set(validation.contentHashes().keys()),
        );
        const byCode = (a: Customer, b: Customer) => a.customerCode.localeCompare(b.customerCode);
        expect(read.sort(byCode)).toEqual([...expected].sort(byCode));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same content hashes whatever the row order and the white space around values', async () => {
    await fc.assert(
      fc.asyncProperty(customers(3), fc.nat(1000), async (written, seed) => {
        const tenant = parseTenantConfig({ tenantId: 'prop', delimiter: '|' });
        const plain = writeCustomerFile(written, { layout: 'address-rows', delimiter: '|', header: true });
        const [head, ...lines] = plain.split(/(?<=\n)(?=C\d|"C\d)/);
        const padded = writeCustomerFile(written, {
          layout: 'address-rows',
          delimiter: '|',
          header: true,
          pad: true,
        });
        const [paddedHead, ...paddedLines] = padded.split(/(?<=\n)(?=\s*C\d|"\s*C\d)/);
        const first = await validateFile('a', sourceOf(head + lines.join('')), tenant);
        const second = await validateFile(
          'b',
          sourceOf(paddedHead + shuffle(paddedLines, seed).join('')),
          tenant,
        );
        expect(second.contentHashes()).toEqual(first.contentHashes());
      }),
      { numRuns: 100 },
    );
  });
});
