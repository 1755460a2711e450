import { phraseKey } from './words.js';

/** Values the pipeline already reads without a tenant's words (SPEC §1: billing/shipping, B/S, any case). */
export const STANDARD_TYPE_VALUES: ReadonlySet<string> = new Set(['billing', 'shipping', 'b', 's']);

/**
 * Values that mean a billing or a shipping address, as ERPs write them: English words, SAP's partner roles (German
 * RE Rechnungsempfänger / WE Warenempfänger, English BP bill-to / SH ship-to), Odoo's address types
 * (invoice / delivery), and the words of French, Italian, German, Spanish, Portuguese, Dutch, Nordic, Polish,
 * Japanese, Chinese and Korean exports. SAP's sold-to (AG / SP) and
 * payer (RG / PY) roles are neither: a person says what they are.
 */
const TYPE_WORDS: Record<'billing' | 'shipping', readonly string[]> = {
  billing: [
    'billing',
    'b',
    'bill',
    'bill to',
    'billing address',
    'invoice',
    'invoice address',
    'invoicing',
    'bp',
    're',
    'rechnungsempfanger',
    'rechnung',
    'rechnungsadresse',
    'rechnungsanschrift',
    'facturation',
    'adresse de facturation',
    'facture',
    'fatturazione',
    'fattura',
    'indirizzo di fatturazione',
    'intestatario',
    'facturacion',
    'factura',
    'direccion de facturacion',
    'direccion de factura',
    'f',
    'faturacao',
    'morada de faturacao',
    'cobranca',
    'factuuradres',
    'factuur',
    'faktura',
    'fakturaadress',
    'fakturaadresse',
    'adres do faktury',
    '請求先',
    '請求',
    '开票地址',
    '开票',
    '账单地址',
    '청구지',
    '청구',
  ],
  shipping: [
    'shipping',
    's',
    'ship',
    'ship to',
    'shipping address',
    'delivery',
    'delivery address',
    'sh',
    'we',
    'warenempfanger',
    'lieferung',
    'lieferadresse',
    'lieferanschrift',
    'versandadresse',
    'livraison',
    'adresse de livraison',
    'expedition',
    'spedizione',
    'consegna',
    'indirizzo di spedizione',
    'indirizzo di consegna',
    'destinazione',
    'destinazione merce',
    'envio',
    'entrega',
    'direccion de envio',
    'direccion de entrega',
    'l',
    'morada de entrega',
    'afleveradres',
    'levering',
    'leveringsadres',
    'leverans',
    'leveransadress',
    'leveringsadresse',
    'adres dostawy',
    'dostawa',
    '納品先',
    '配送先',
    '出荷先',
    '收货地址',
    '送货地址',
    '收货',
    '배송지',
    '배송',
    '납품처',
  ],
};

const LOOKUP = new Map<string, 'billing' | 'shipping'>(
  // Keyed as values are looked up (phraseKey): its NFD splits Hangul and kana as it splits accents.
  (['billing', 'shipping'] as const).flatMap((type) =>
    TYPE_WORDS[type].map((w) => [phraseKey(w), type] as const),
  ),
);

/** Whether an address type column's value means billing or shipping; undefined when it is neither. */
export const addressTypeOf = (value: string): 'billing' | 'shipping' | undefined =>
  LOOKUP.get(phraseKey(value));

/** The tenant's own words for billing and shipping, and the values that are neither, with their rows. */
export interface AddressTypeProposal {
  billing: string[];
  shipping: string[];
  /** Each word found and what it was read as: for the printout. */
  read: { value: string; type: 'billing' | 'shipping'; rows: number }[];
  neither: { value: string; rows: number }[];
}

/**
 * The `addressTypeValues` a file's address type column needs: each distinct value (compared as the pipeline does,
 * trimmed and case-insensitively) read as billing or shipping, the pipeline's own words left out, and the values that
 * are neither listed for a person (their rows would be rejected `invalid_address_type`).
 */
export const proposeAddressTypeValues = (values: readonly string[]): AddressTypeProposal => {
  const distinct = new Map<string, { value: string; rows: number }>();
  for (const raw of values) {
    const value = raw.trim();
    const key = value.toLowerCase();
    const seen = distinct.get(key);
    if (seen) seen.rows += 1;
    else distinct.set(key, { value, rows: 1 });
  }
  const proposal: AddressTypeProposal = { billing: [], shipping: [], read: [], neither: [] };
  for (const [key, { value, rows }] of distinct) {
    const type = addressTypeOf(value);
    if (!type) {
      proposal.neither.push({ value, rows });
      continue;
    }
    proposal.read.push({ value, type, rows });
    if (!STANDARD_TYPE_VALUES.has(key)) proposal[type].push(value);
  }
  return proposal;
};
