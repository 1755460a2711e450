import type { Vocabulary } from './types.js';

/** Swedish (Fortnox, Visma: Kundnummer, Utdelningsadress, Prislista, Betalningsvillkor). */
export const SWEDISH: Vocabulary = {
  customer_code: ['kundnummer', 'kundnr', 'kund id', 'kundkod'],
  customer_name: ['namn', 'kundnamn', 'foretagsnamn', 'foretag'],
  email: ['e post', 'epost', 'e postadress', 'e mail'],
  phone: ['telefon', 'telefonnummer', 'tel'],
  currency: ['valuta', 'valutakod'],
  price_label: ['prislista', 'prisgrupp'],
  payment_terms_code: ['betalningsvillkor', 'betalvillkor'],
  shipping_method_code: ['leveranssatt', 'leveransvillkor', 'transportor', 'speditor'],
  sales_rep_code: ['saljare', 'var referens', 'saljarkod'],
  customer_group_code: ['kundkategori', 'kundgrupp'],
  company_number: ['organisationsnummer', 'org nr', 'orgnr'],
  tax_id: ['momsregistreringsnummer', 'momsnummer', 'vat nummer', 'momsreg nr'],
  address_1: ['utdelningsadress', 'adress', 'gatuadress', 'adress 1'],
  address_2: ['adress 2', 'c o', 'utdelningsadress 2'],
  city: ['ort', 'postort', 'stad'],
  state: ['lan', 'region'],
  postal_code: ['postnummer', 'postnr'],
  country: ['land', 'landskod'],
};

/** Danish (Visma e-conomic, Dynamics C5: Kundenr., Navn, Postnr., By, Prisgruppe, Betalingsbetingelse, CVR-nr.). */
export const DANISH: Vocabulary = {
  customer_code: ['kundenr', 'kundenummer', 'debitornr', 'debitornummer', 'konto'],
  customer_name: ['navn', 'kundenavn', 'firmanavn'],
  email: ['e mail', 'email', 'e mail adresse'],
  phone: ['telefon', 'telefonnummer', 'tlf', 'tlf nr'],
  currency: ['valuta', 'valutakode'],
  price_label: ['prisgruppe', 'prisliste'],
  payment_terms_code: ['betalingsbetingelse', 'betalingsbetingelser', 'betalingsvilkar'],
  shipping_method_code: ['leveringsform', 'leveringsbetingelse', 'fragtmand', 'speditor'],
  sales_rep_code: ['saelger', 'saelgerkode', 'saljer'],
  customer_group_code: ['kundegruppe', 'debitorgruppe'],
  // A Danish firm's VAT number is its CVR number with DK before it: the name fits both, the content decides.
  company_number: ['cvr nr', 'cvr', 'cvr nummer'],
  tax_id: ['moms nr', 'momsnummer', 'se nr', 'cvr nr', 'cvr'],
  address_1: ['adresse', 'vejnavn', 'adresse 1'],
  address_2: ['adresse 2'],
  city: ['by', 'postdistrikt'],
  state: ['region'],
  postal_code: ['postnr', 'postnummer'],
  country: ['land', 'landekode'],
};

/** Norwegian (Visma Business, Tripletex: Kundenr, Navn, Postnr, Poststed, Prisliste, Organisasjonsnummer). */
export const NORWEGIAN: Vocabulary = {
  customer_code: ['kundenr', 'kundenummer', 'kunde id'],
  customer_name: ['navn', 'kundenavn', 'firmanavn'],
  email: ['e post', 'epost', 'e postadresse'],
  phone: ['telefon', 'telefonnummer', 'tlf'],
  currency: ['valuta', 'valutakode'],
  price_label: ['prisliste', 'prisgruppe'],
  payment_terms_code: ['betalingsbetingelse', 'betalingsbetingelser', 'betalingsvilkar'],
  shipping_method_code: ['leveringsmate', 'leveringsbetingelse'],
  sales_rep_code: ['selger', 'ansvarlig selger'],
  // A Norwegian firm's VAT number is its organisation number with MVA after it: the content decides.
  company_number: ['organisasjonsnummer', 'org nr', 'orgnr'],
  tax_id: ['mva nummer', 'organisasjonsnummer', 'org nr'],
  address_1: ['adresse', 'postadresse', 'gateadresse'],
  address_2: ['adresse 2'],
  city: ['poststed', 'sted', 'by'],
  postal_code: ['postnr', 'postnummer'],
  country: ['land', 'landkode'],
};
