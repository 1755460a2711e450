import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountFromFile } from '../../tools/emulators/joor/accountFile.js';
import { DEFAULT_ACCOUNT } from '../../tools/emulators/joor/JoorEmulator.js';
import { runCli } from '../helpers/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'customer-sync-account-'));

describe('joor-emulator --account <file>', () => {
  it('reads the account id and its reference lists, keeping the emulator’s credentials', () => {
    const read = accountFromFile(
      JSON.stringify({
        accountId: '2002',
        referenceData: { priceTypes: [{ currency: 'EUR', label: 'Gros' }], warehouses: ['A'] },
      }),
      'account.json',
    );
    expect(read).toEqual({
      account: {
        ...DEFAULT_ACCOUNT,
        accountId: '2002',
        referenceData: { priceTypes: [{ currency: 'EUR', label: 'Gros' }], warehouses: ['A'] },
      },
    });
  });

  it('refuses a bad account file naming the file and each field, exit 2, before listening', async () => {
    const path = join(dir, 'bad-account.json');
    writeFileSync(
      path,
      JSON.stringify({
        referenceData: { priceTypes: [{ currency: 'euro', label: 'Gros' }], paymentTerm: ['NET30'] },
      }),
    );
    const result = await runCli(['joor-emulator', '--port', '0', '--account', path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${path}: referenceData.priceTypes.0.currency: must be an ISO 4217 code`);
    expect(result.stderr).toContain(`${path}: referenceData.paymentTerm: is not a list the emulator serves`);
    const missing = await runCli(['joor-emulator', '--account', join(dir, 'nowhere.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read --account');
  });
});
