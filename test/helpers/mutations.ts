import fc from 'fast-check';
import { file, row } from './rows.js';

/** One way a hostile or damaged file differs from a valid one, applied at a relative position in its bytes. */
export type Mutation =
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'huge'; at: number; char: string; length: number }
  | { kind: 'truncate'; at: number };

const INSERTS: Record<string, number[]> = {
  quote: [0x22],
  delimiter: [0x7c],
  lf: [0x0a],
  cr: [0x0d],
  crlf: [0x0d, 0x0a],
  invalidUtf8: [0xe9],
  loneContinuation: [0x80],
  ff: [0xff],
  utf8Bom: [0xef, 0xbb, 0xbf],
  utf16Bom: [0xff, 0xfe],
  nul: [0x00],
  quotedWord: [...Buffer.from('"Dock" 4')],
  zeroWidth: [...Buffer.from('\u200b')],
};

const position = fc.double({ min: 0, max: 1, noNaN: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: position,
      bytes: fc.constantFrom(...Object.values(INSERTS)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      at: position,
      char: fc.constantFrom('x', 'é', '|', '"', '👗'),
      length: fc.constantFrom(1_000, 70_000, 200_000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
);

const offsetIn = (bytes: Buffer, at: number): number =>
  Math.min(bytes.length, Math.floor(at * (bytes.length + 1)));

export const applyMutation = (bytes: Buffer, change: Mutation): Buffer => {
  const offset = offsetIn(bytes, change.at);
  switch (change.kind) {
    case 'truncate':
      return bytes.subarray(0, offset);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, offset), Buffer.from(change.bytes), bytes.subarray(offset)]);
    case 'huge':
      return Buffer.concat([
        bytes.subarray(0, offset),
        Buffer.from(change.char.repeat(change.length)),
        bytes.subarray(offset),
      ]);
  }
};

/** A valid file of a few customers, each with a billing row and maybe shipping rows, in UTF-8. */
export const validFile: fc.Arbitrary<Buffer> = fc
  .array(
    fc.record({
      shipping: fc.integer({ min: 0, max: 2 }),
      name: fc.constantFrom('Bloom', 'Galeries Étoile', 'Café Noël', '東京'),
    }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((customers) =>
    Buffer.from(
      file(
        ...customers.flatMap((c, k) => [
          row({ customer_code: `C${k}`, customer_name: c.name }),
          ...Array.from({ length: c.shipping }, (_, s) =>
            row({ customer_code: `C${k}`, customer_name: c.name, address_type: 'S', address_code: `S${s}` }),
          ),
        ]),
      ),
    ),
  );

/** A valid file with one to four mutations applied in turn. */
export const hostileFile = fc
  .tuple(validFile, fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([bytes, changes]) => ({ bytes: changes.reduce(applyMutation, bytes), changes }));
