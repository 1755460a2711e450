import type { Vocabulary } from './types.js';

/** Czech (Stormware POHODA's adresář, Money S3: Kód, Název firmy, Ulice, Obec, PSČ, Stát, DIČ, Měna, Cenová hladina). */
export const CZECH: Vocabulary = {
  customer_code: ['kod', 'cislo zakaznika', 'kod odberatele', 'zkratka'],
  customer_name: ['nazev firmy', 'nazev', 'firma', 'jmeno', 'obchodni nazev'],
  email: ['e mail', 'email'],
  phone: ['telefon', 'tel'],
  currency: ['mena'],
  price_label: ['cenova hladina', 'cenik', 'cenova skupina'],
  payment_terms_code: ['forma uhrady', 'platebni podminky', 'splatnost'],
  shipping_method_code: ['zpusob dopravy', 'doprava'],
  sales_rep_code: ['obchodnik', 'referent'],
  company_number: ['ic', 'ico'],
  tax_id: ['dic'],
  notes: ['poznamka'],
  address_1: ['ulice', 'adresa'],
  city: ['obec', 'mesto'],
  state: ['kraj'],
  postal_code: ['psc'],
  country: ['stat', 'zeme'],
};
