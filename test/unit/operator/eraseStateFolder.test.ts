import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode as decodeWindows1252, encode as encodeWindows1252 } from 'windows-1252';
import { connectionPath } from '../../../lambdas/adapters/joor/endpoints.js';
import { CANONICAL_FIELDS } from '../../../lambdas/core/fields.js';
import { eraseCommand } from '../../../tools/cli/eraseCommand.js';
import { UsageError } from '../../../tools/cli/UsageError.js';
import { eraseFromPlatform } from '../../../tools/operator/erase.js';
import { codeDigest, legacyCodeDigest } from '../../../tools/operator/erasure/erasureKey.js';

/**
 * `erase --state` on a folder holding the files the pipeline keeps as the ERP sent them, in every shape the
 * review found left behind (#35): a UTF-16 archived file, a comma-delimited file refused under a pipe tenant (in
 * Windows-1252), a file the reader cannot read, and a quoted field spanning lines.
 */
const TENANT = 'maison-erase';

/** The customer erased, and what identifies them. */
const MARIE = {
  customer_code: 'C1002',
  customer_name: 'Marie Dupont',
  email: 'marie.dupont@boutique-dupont.example',
  phone: '+33 1 42 60 00 02',
  address_name: 'Boutique Dupont Opéra',
  address_1: '9 rue de la Paix',
  address_2: 'Bâtiment B, 2e étage',
};
const TRACES = Object.values(MARIE);

const KEPT = {
  customer_code: 'C1001',
  customer_name: 'Jean Martin',
  email: 'jean.martin@maison-martin.example',
  phone: '+33 1 40 00 00 01',
  address_name: 'Maison Martin',
  address_1: '12 avenue Montaigne',
  address_2: '',
};
const OTHER = {
  customer_code: 'C1003',
  customer_name: 'Chloé Bernard',
  email: 'chloe@bernard.example',
  phone: '+33 4 91 00 00 03',
  address_name: 'Bernard Marseille',
  address_1: '3 quai du Port',
  address_2: '',
};

type Person = typeof MARIE;

const row = (p: Person, extra: Partial<Record<(typeof CANONICAL_FIELDS)[number], string>> = {}): string[] => {
  const values: Record<string, string> = {
    ...p,
    currency: 'EUR',
    price_label: 'Wholesale EUR',
    address_type: 'billing',
    city: 'Paris',
    postal_code: '75002',
    country: 'FR',
    ...extra,
  };
  return CANONICAL_FIELDS.map((field) => values[field] ?? '');
};

const quote = (cell: string, delimiter: string) =>
  cell.includes(delimiter) || cell.includes('"') || cell.includes('\n')
    ? `"${cell.replace(/"/g, '""')}"`
    : cell;
const lines = (rows: string[][], delimiter: string, eol: string) =>
  [[...CANONICAL_FIELDS], ...rows]
    .map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter))
    .join(eol) + eol;

const utf16le = (text: string, bom: boolean) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);

const write = (root: string, key: string, body: string | Buffer) => {
  mkdirSync(dirname(join(root, key)), { recursive: true });
  writeFileSync(join(root, key), body);
};

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

/** Every text a file may hold, whatever its encoding: each file read as UTF-8, UTF-16 (both orders) and Windows-1252. */
const decodings = (bytes: Buffer): string[] => [
  bytes.toString('utf8'),
  new TextDecoder('utf-16le').decode(bytes),
  new TextDecoder('utf-16be').decode(bytes),
  decodeWindows1252(bytes, { mode: 'replacement' }),
];
/** Files (relative paths) that hold one of the values, in any encoding. */
const holding = (dirs: string[], values: string[]) =>
  dirs
    .flatMap((dir) =>
      walk(dir).map((path) => ({ path: relative(dir, path), texts: decodings(readFileSync(path)) })),
    )
    .filter(({ texts }) => texts.some((text) => values.some((value) => text.includes(value))))
    .map(({ path }) => path);

/** A state folder `npm start --state` could have left, and beside it the local copies of a report. */
const makeFolder = () => {
  const state = mkdtempSync(join(tmpdir(), 'erase-state-'));
  const out = mkdtempSync(join(tmpdir(), 'erase-out-'));
  const bucket = join(state, 'bucket');
  write(bucket, `config/${TENANT}.json`, JSON.stringify({ tenantId: TENANT, delimiter: '|' }));
  // Archived as sent: UTF-16 with its byte-order mark, CRLF.
  write(
    bucket,
    `processed/${TENANT}/r1_customer_1.psv`,
    utf16le(
      lines(
        [row(KEPT), row(MARIE), row(MARIE, { address_type: 'shipping', address_code: 'OPERA' }), row(OTHER)],
        '|',
        '\r\n',
      ),
      true,
    ),
  );
  // Refused for its delimiter (comma, the tenant says pipe), and in Windows-1252: the address holds a comma, quoted.
  write(
    bucket,
    `rejected/${TENANT}/r2_customer_2.csv`,
    Buffer.from(encodeWindows1252(lines([row(KEPT), row(MARIE), row(OTHER)], ',', '\n'))),
  );
  // UTF-16 without a byte-order mark: NUL bytes, which the reader refuses as binary.
  write(
    bucket,
    `rejected/${TENANT}/r3_customer_3.psv`,
    utf16le(lines([row(MARIE), row(OTHER)], '|', '\n'), false),
  );
  // A quoted field spanning lines, whose continuation lines name the customer.
  write(
    bucket,
    `processed/${TENANT}/r4_customer_4.psv`,
    lines(
      [
        row(KEPT),
        row(MARIE, {
          notes: `Call ${MARIE.customer_name}|${MARIE.address_1}\n${MARIE.address_2}\nphone ${MARIE.phone}`,
        }),
        row(OTHER),
      ],
      '|',
      '\n',
    ),
  );
  // The synced state's field values (one customer a line).
  write(
    bucket,
    `state/${TENANT}/synced/sandbox/1001/fields/aa.jsonl`,
    `${[KEPT, MARIE]
      .map((p) =>
        JSON.stringify({
          customerCode: p.customer_code,
          fields: { customer_name: p.customer_name, email: p.email, 'billing.address_1': p.address_1 },
        }),
      )
      .join('\n')}\n`,
  );
  // The copies npm start wrote of a report naming her (no JSON to render them again from: they go).
  write(
    out,
    `${TENANT}/r2/report.txt`,
    `Rejected: ${MARIE.customer_code} ${MARIE.customer_name} (${MARIE.email})\n`,
  );
  write(out, `${TENANT}/r2/report.eml`, `Subject: Error\n\n${MARIE.customer_name} ${MARIE.phone}\n`);
  write(out, `${TENANT}/r1/report.txt`, `Synced: ${KEPT.customer_code} ${KEPT.customer_name}\n`);
  return { state, out, bucket };
};

const run = async (args: string[], options: { state: string; yes?: boolean; inJoor?: boolean }) => {
  const printed: string[] = [];
  const code = await eraseCommand(
    { args, state: options.state, inJoor: options.inJoor ?? false, yes: options.yes ?? true, json: false },
    (text) => printed.push(text),
  );
  return { code, text: printed.join('\n') };
};

describe('erase --state leaves no trace of the customer in any file the pipeline keeps (#35)', () => {
  it('scrubs UTF-16, other-delimiter, unreadable and multi-line-quoted files and the local copies, and says so', async () => {
    const { state, out, bucket } = makeFolder();
    expect(holding([bucket], TRACES).length).toBeGreaterThanOrEqual(5);
    const erased = await eraseFromPlatform({
      tenantId: TENANT,
      codes: [MARIE.customer_code],
      target: { state },
      inJoor: false,
      yes: true,
      outDir: out,
    });
    expect(holding([bucket, out], TRACES)).toEqual([]);
    expect(erased.remaining).toEqual([]);
    // The unreadable file went whole; the others keep their other customers, in their own encoding and quoting.
    expect(erased.changes).toContainEqual(
      expect.objectContaining({
        key: `rejected/${TENANT}/r3_customer_3.psv`,
        action: 'remove',
        unreadable: expect.any(String),
      }),
    );
    const utf16 = readFileSync(join(bucket, `processed/${TENANT}/r1_customer_1.psv`));
    expect([...utf16.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder('utf-16le').decode(utf16)).toBe(lines([row(KEPT), row(OTHER)], '|', '\r\n'));
    expect(decodeWindows1252(readFileSync(join(bucket, `rejected/${TENANT}/r2_customer_2.csv`)))).toBe(
      lines([row(KEPT), row(OTHER)], ',', '\n'),
    );
    expect(readFileSync(join(bucket, `processed/${TENANT}/r4_customer_4.psv`), 'utf8')).toBe(
      lines([row(KEPT), row(OTHER)], '|', '\n'),
    );
    expect(holding([out], [KEPT.customer_name])).toEqual([`${TENANT}/r1/report.txt`]);
  });

  it('says success only when true: a second run finds nothing, and says so', async () => {
    const { state } = makeFolder();
    const first = await run([TENANT, MARIE.customer_code], { state });
    expect(first.code, first.text).toBe(0);
    expect(first.text).toMatch(
      /^Erased 1 customer\(s\) of maison-erase: .* A search of every object and version finds nothing of them/,
    );
    const again = await run([TENANT, MARIE.customer_code], { state });
    expect(again.code, again.text).toBe(0);
    expect(again.text).toMatch(
      /^Nothing of these 1 customer\(s\) was left to erase for maison-erase\. A search/,
    );
    expect(again.text).toContain('Erased before: ');
  });

  it('exits 3 naming what it could not erase: the file of a run still in progress', async () => {
    const { state, bucket } = makeFolder();
    write(
      bucket,
      `runs/${TENANT}/r5/claim.json`,
      JSON.stringify({ file: { key: `inbox/${TENANT}/customer_5.psv` } }),
    );
    write(bucket, `inbox/${TENANT}/customer_5.psv`, lines([row(MARIE), row(OTHER)], '|', '\n'));
    const erased = await run([TENANT, MARIE.customer_code], { state });
    expect(erased.code, erased.text).toBe(3);
    expect(erased.text).toMatch(/^Partly erased 1 customer\(s\)/);
    expect(erased.text).toContain(
      `STILL HOLDS customer code, name, email, phone, address: inbox/${TENANT}/customer_5.psv (a run not finished yet)`,
    );
    expect(holding([bucket], TRACES)).toEqual([`inbox/${TENANT}/customer_5.psv`]);
  });

  it('does not count a value another customer holds too, once the files that showed it have expired', async () => {
    const state = mkdtempSync(join(tmpdir(), 'erase-state-'));
    const bucket = join(state, 'bucket');
    write(bucket, `config/${TENANT}.json`, JSON.stringify({ tenantId: TENANT, delimiter: '|' }));
    // The synced state alone: the same phone and building for both customers.
    write(
      bucket,
      `state/${TENANT}/synced/sandbox/1001/fields/aa.jsonl`,
      `${[KEPT, MARIE]
        .map((p) =>
          JSON.stringify({
            customerCode: p.customer_code,
            fields: {
              customer_name: p.customer_name,
              phone: MARIE.phone,
              'billing.address_2': MARIE.address_2,
            },
          }),
        )
        .join('\n')}\n`,
    );
    const erased = await eraseFromPlatform({
      tenantId: TENANT,
      codes: [MARIE.customer_code],
      target: { state },
      inJoor: false,
      yes: true,
      outDir: join(state, 'no-out'),
    });
    expect(erased.remaining).toEqual([]);
    expect(erased.searched).toEqual({ values: 1, shared: 2 });
    expect(holding([bucket], [MARIE.customer_code, MARIE.customer_name])).toEqual([]);
    expect(holding([bucket], [MARIE.phone])).toEqual([`state/${TENANT}/synced/sandbox/1001/fields/aa.jsonl`]);
  });

  it('keeps in its record an HMAC under the folder’s secret, with its retention date, and counts older sha256 records', async () => {
    const { state, bucket } = makeFolder();
    write(
      bucket,
      `erasures/${TENANT}/2026-01-01T00-00-00-000Z.json`,
      JSON.stringify({
        tenantId: TENANT,
        at: '2026-01-01T00:00:00.000Z',
        customers: [legacyCodeDigest(TENANT, MARIE.customer_code)],
      }),
    );
    const now = new Date('2026-12-01T00:00:00.000Z');
    const erased = await eraseFromPlatform({
      tenantId: TENANT,
      codes: [MARIE.customer_code],
      target: { state },
      inJoor: false,
      yes: true,
      now,
      outDir: join(state, 'no-out'),
    });
    expect(erased.erasedBefore).toEqual([
      { record: `erasures/${TENANT}/2026-01-01T00-00-00-000Z.json`, at: '2026-01-01T00:00:00.000Z' },
    ]);
    const secret = readFileSync(join(state, 'erasure-secret'), 'utf8');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const record = JSON.parse(readFileSync(join(bucket, erased.record!), 'utf8'));
    expect(record).toMatchObject({
      digest: 'hmac-sha256',
      customers: [codeDigest(secret, TENANT, MARIE.customer_code)],
      retainUntil: '2029-11-30T00:00:00.000Z',
      remaining: [],
    });
    expect(JSON.stringify(record)).not.toContain(legacyCodeDigest(TENANT, MARIE.customer_code));
    // The secret is made once: a second erasure keys with the same one, and finds the first record by it.
    const again = await eraseFromPlatform({
      tenantId: TENANT,
      codes: [MARIE.customer_code],
      target: { state },
      inJoor: false,
      yes: true,
      outDir: join(state, 'no-out'),
    });
    expect(readFileSync(join(state, 'erasure-secret'), 'utf8')).toBe(secret);
    expect(again.erasedBefore.map((e) => e.record)).toContain(erased.record);
  });
});

describe('a customer code that would change a JOOR URL is refused (#35)', () => {
  it.each(['.', '..', ''])('refuses %j in the connection path', (code) => {
    expect(() => connectionPath(code)).toThrow(/cannot go into a JOOR URL/);
  });

  it('keeps codes that stay in their path segment, escaped', () => {
    expect(connectionPath('C1002')).toBe('/v2/connection/customer_code/C1002/');
    expect(connectionPath('../x')).toBe('/v2/connection/customer_code/..%2Fx/');
    expect(connectionPath('...')).toBe('/v2/connection/customer_code/.../');
  });

  it('erase --in-joor .. stops before anything, naming the code', async () => {
    const { state, bucket } = makeFolder();
    const attempt = run([TENANT, MARIE.customer_code, '..'], { state, inJoor: true });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/"\.\." cannot go into a JOOR URL/);
    expect(holding([bucket], [MARIE.email]).length).toBeGreaterThan(0);
  });
});
