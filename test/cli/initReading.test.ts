import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const ENCODINGS = fileURLToPath(new URL('../fixtures/encodings/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'customer-sync-init-reading-'));

describe('init and validate on files as ERPs and Excel write them', () => {
  it('init writes the Shift_JIS label into the config, and no garbled name', async () => {
    const out = join(dir, 'tokuisaki.tenant.json');
    const init = await runCli(['init', join(ENCODINGS, 'tokuisaki_shift_jis.csv'), '--out', out, '--json']);
    expect(init.code).toBe(1);
    expect(JSON.parse(init.stdout).read.encoding).toBe('Shift_JIS');
    const written = readFileSync(out, 'utf8');
    expect(JSON.parse(written).encoding).toBe('shift_jis');
    expect(written).not.toContain('\uFFFD');
  });

  it('validate under auto refuses a Shift_JIS file (exit 2) naming the label to set', async () => {
    const tenant = join(dir, 'auto.tenant.json');
    // The tenant takes the file's name: validate checks it as the splitter does.
    writeFileSync(
      tenant,
      JSON.stringify({ tenantId: 'tokuisaki', delimiter: ',', fileNamePattern: '^tokuisaki_[a-z_]+\\.csv$' }),
    );
    const result = await runCli(['validate', join(ENCODINGS, 'tokuisaki_shift_jis.csv'), '--tenant', tenant]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('Set "encoding": "shift_jis"');
  });

  it('init exits 2 on a header it cannot decode, and reads it with --encoding', async () => {
    // Polish in Windows-1250 with one UTF-8 name: not UTF-8, and no legacy CJK encoding either.
    const bytes = Buffer.concat([
      Buffer.from('Kod;Nazwa;Miejscowo'),
      Buffer.from([0x9c, 0xe6]),
      Buffer.from('\nK1;Zażółć;Łódź\nK2;Moda;Kraków\n', 'utf8'),
    ]);
    const file = write('klienci.csv', bytes);
    const refused = await runCli(['init', file, '--out', join(dir, 'k1.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/header row holds bytes that are not UTF-8.*--encoding/);
    const unknown = await runCli(['init', file, '--out', join(dir, 'k2.json'), '--encoding', 'klingon']);
    expect(unknown.stderr).toContain('--encoding "klingon" is not an encoding');
    // "Łódź" in Windows-1250.
    const polish = write(
      'klienci_1250.csv',
      Buffer.from([
        ...Buffer.from('customer_code;customer_name;city\nK1;Moda;'),
        0xa3,
        0xf3,
        0x64,
        0x9f,
        0x0a,
      ]),
    );
    const out = join(dir, 'k3.json');
    const told = await runCli(['init', polish, '--out', out, '--encoding', 'cp1250', '--json']);
    expect(JSON.parse(told.stdout).read.encoding).toBe('Windows-1250');
    expect(JSON.parse(readFileSync(out, 'utf8')).encoding).toBe('windows-1250');
  });
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
