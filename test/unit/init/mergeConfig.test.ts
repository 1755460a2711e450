import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../../tools/init/mergeConfig.js';

describe('mergeConfig', () => {
  const existing = {
    tenantId: 'maison',
    delimiter: ',',
    header: true,
    template: { kind: 'mapped', columns: { customer_code: 'Code' } },
    valueMaps: { price_label: { Gros: 'Grossiste' } },
    joor: { environment: 'sandbox', secretName: 'customer-sync/maison/joor', accountId: '1' },
    report: { sender: 'sync@maison.example' },
    defaults: { currency: 'EUR' },
  };

  it('takes what init reads from the file, drops what it leaves to the default, keeps every other block', () => {
    const merge = mergeConfig(existing, { tenantId: 'maison', delimiter: ';', template: existing.template });
    expect(merge.config).toEqual({
      tenantId: 'maison',
      delimiter: ';',
      template: existing.template,
      valueMaps: existing.valueMaps,
      joor: existing.joor,
      report: existing.report,
      defaults: existing.defaults,
    });
    expect(merge.changed).toEqual([{ key: 'delimiter', before: ',', after: ';' }]);
    expect(merge.removed).toEqual([{ key: 'header', before: true }]);
    expect(merge.added).toEqual([]);
    expect(merge.kept).toEqual(['valueMaps', 'joor', 'report', 'defaults']);
  });

  it('merges the joor block key by key and takes what the JOOR account gave', () => {
    const merge = mergeConfig(existing, {
      tenantId: 'maison',
      delimiter: ',',
      header: true,
      template: existing.template,
      referenceData: { paymentTerms: ['NET30'] },
      valueMaps: { price_label: { Gros: 'Wholesale' } },
      joor: { accountId: '1001' },
    });
    expect(merge.config.joor).toEqual({ ...existing.joor, accountId: '1001' });
    expect(merge.changed).toEqual([
      { key: 'valueMaps', before: existing.valueMaps, after: { price_label: { Gros: 'Wholesale' } } },
      { key: 'joor.accountId', before: '1', after: '1001' },
    ]);
    expect(merge.added).toEqual(['referenceData']);
    expect(merge.kept).toEqual(['joor.environment', 'joor.secretName', 'report', 'defaults']);
  });

  it('changes nothing when run again over its own result', () => {
    const proposal = { tenantId: 'maison', delimiter: ';', joor: { accountId: '1001' } };
    const once = mergeConfig(existing, proposal).config;
    const twice = mergeConfig(once, proposal);
    expect(twice.config).toEqual(once);
    expect([twice.changed, twice.added, twice.removed]).toEqual([[], [], []]);
  });
});
