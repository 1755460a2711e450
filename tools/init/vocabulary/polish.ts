import type { Vocabulary } from './types.js';

/** Polish (Comarch ERP Optima, InsERT Subiekt GT, enova: Kod, Nazwa, Ulica, Kod pocztowy, Miejscowość, NIP, Cennik). */
export const POLISH: Vocabulary = {
  customer_code: ['kod', 'kod kontrahenta', 'symbol', 'akronim', 'numer klienta', 'id kontrahenta'],
  customer_name: ['nazwa', 'nazwa pelna', 'nazwa kontrahenta', 'nazwa firmy', 'nazwa skrocona'],
  email: ['e mail', 'email', 'adres e mail', 'adres email'],
  phone: ['telefon', 'tel', 'numer telefonu', 'telefon 1'],
  currency: ['waluta', 'kod waluty'],
  price_label: ['cennik', 'poziom cen', 'grupa cenowa', 'rodzaj ceny', 'cena domyslna'],
  payment_terms_code: ['forma platnosci', 'termin platnosci', 'warunki platnosci', 'sposob platnosci'],
  shipping_method_code: ['sposob dostawy', 'przewoznik', 'forma dostawy'],
  sales_rep_code: ['opiekun', 'handlowiec', 'przedstawiciel'],
  customer_group_code: ['grupa', 'grupa kontrahentow', 'kategoria'],
  company_number: ['regon', 'krs'],
  tax_id: ['nip', 'nip ue', 'numer nip'],
  notes: ['uwagi', 'opis'],
  address_type: ['typ adresu', 'rodzaj adresu'],
  address_1: ['ulica', 'adres', 'ulica i numer', 'adres 1'],
  address_2: ['adres 2', 'nr domu', 'nr lokalu'],
  city: ['miasto', 'miejscowosc', 'poczta'],
  state: ['wojewodztwo'],
  postal_code: ['kod pocztowy'],
  country: ['kraj', 'panstwo', 'kod kraju'],
};
