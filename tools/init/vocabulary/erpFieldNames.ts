import type { Vocabulary } from './types.js';

/**
 * SAP Business One's business partner tables as DTW and queries export them (OCRD: CardCode, CardName, ListNum,
 * GroupNum, SlpCode, LicTradNum; CRD1: AdresType, Address — the address's id —, Street, Block, ZipCode), and its
 * Spanish captions (Código SN, Nombre SN).
 */
export const SAP_BUSINESS_ONE: Vocabulary = {
  customer_code: ['card code', 'bp code', 'codigo sn', 'code bp', 'code partenaire'],
  customer_name: ['card name', 'bp name', 'nombre sn', 'nom bp'],
  email: ['e mail'],
  phone: ['phone 1'],
  price_label: ['list num', 'price list'],
  payment_terms_code: ['group num', 'payment terms code'],
  sales_rep_code: ['slp code', 'sales employee', 'empleado del departamento de ventas', 'empleado de ventas'],
  customer_group_code: ['group code'],
  tax_id: ['lic trad num', 'federal tax id', 'numero de identificacion fiscal', 'nif'],
  address_type: ['adres type'],
  address_code: ['address'],
  address_2: ['block'],
  postal_code: ['zip code'],
};

/**
 * Dynamics 365 Finance & Operations data entities as Data management exports them (CustomersV3: CUSTOMERACCOUNT,
 * ORGANIZATIONNAME, ADDRESSSTREET, PRICECUSTOMERGROUPCODE…), Dynamics GP's customer master RM00101 / RM00102
 * (CUSTNMBR, CUSTNAME, ADRSCODE, CCode, CURNCYID, PRCLEVEL, PYMTRMID, SHIPMTHD, SLPRSNID), and the German Dynamics NAV captions (Nr., PLZ-Code,
 * Länder-/Regionscode, Debitorenpreisgruppe, Zlg.-Bedingungscode, Verkäufercode).
 */
export const DYNAMICS: Vocabulary = {
  customer_code: ['customeraccount', 'customer account', 'nr', 'n', 'compte client', 'debitornr', 'custnmbr'],
  customer_name: ['organizationname', 'organization name', 'name', 'custname'],
  email: ['primarycontactemail', 'primary contact email'],
  phone: ['primarycontactphone', 'primary contact phone', 'telefonnr'],
  currency: ['salescurrencycode', 'sales currency code', 'wahrungscode', 'curncyid'],
  price_label: [
    'pricecustomergroupcode',
    'price customer group code',
    'debitorenpreisgruppe',
    'groupe de prix',
    'prclevel',
  ],
  payment_terms_code: ['paymentterms', 'zlg bedingungscode', 'zahlungsbedingungscode', 'pymtrmid'],
  shipping_method_code: [
    'deliverymode',
    'delivery mode',
    'lieferbedingungscode',
    'versandartcode',
    'shipmthd',
  ],
  sales_rep_code: ['employeeresponsiblenumber', 'verkaufercode', 'slprsnid'],
  customer_group_code: ['customergroupid', 'customer group id', 'groupe de clients', 'debitorengruppe'],
  tax_id: ['taxexemptnumber', 'tax exempt number', 'vatnum', 'numero de tva'],
  address_1: ['addressstreet', 'address street'],
  city: ['addresscity', 'address city'],
  state: ['addressstate', 'address state'],
  postal_code: ['addresszipcode', 'address zip code', 'plz code'],
  country: [
    'addresscountryregionid',
    'address country region id',
    'lander regionscode',
    'pays region',
    'ccode',
    'land region',
  ],
  address_code: ['adrscode'],
};

/**
 * Field names of IBM i and mainframe-era ERPs as their extracts write them: Infor M3's customer master OCUSMA
 * (OKCUNO, OKCUNM, OKCUA1, OKTOWN, OKPONO, OKCSCD, OKCUCD, OKPLTB, OKTEPY, OKMODL, OKVRNO) and Blue Cherry's
 * customer file (CUSTNO, CUSTNM, ADDTYP, ZIPCD, CNTRY, CURCD, PRCCDE, SHPVIA, SLSREP).
 */
export const LEGACY_FIELD_NAMES: Vocabulary = {
  customer_code: ['okcuno', 'custno', 'cusno', 'cust nbr', 'custnbr', 'cuscd'],
  customer_name: ['okcunm', 'custnm', 'cusnm', 'custname'],
  email: ['okemal', 'emladr'],
  phone: ['okphno', 'phone'],
  currency: ['okcucd', 'curcd', 'curr cd'],
  price_label: ['okpltb', 'prccde', 'prccd', 'prclvl', 'price code'],
  payment_terms_code: ['oktepy', 'termcd', 'terms'],
  shipping_method_code: ['okmodl', 'shpvia', 'shipvia'],
  sales_rep_code: ['oksmcd', 'slsrep', 'slsmn', 'salesman'],
  tax_id: ['okvrno', 'taxid'],
  address_type: ['addtyp', 'adrtyp'],
  address_1: ['okcua 1', 'addr 1', 'adr 1'],
  address_2: ['okcua 2', 'addr 2', 'adr 2'],
  address_3: ['okcua 3', 'addr 3'],
  city: ['oktown', 'cty'],
  state: ['okecar', 'stcd', 'st'],
  postal_code: ['okpono', 'zipcd', 'zip cd'],
  country: ['okcscd', 'cntry', 'ctry'],
};

/**
 * The apparel ERPs' and commerce tools' captions not in the languages' lists: AIMS360 (Store, Salesman, Price Code),
 * ApparelMagic (Ship_Via_Name, Price_Group), Sage 100 US (CustomerNo, ShipMethod, PriceLevel), Cin7 (Pricing
 * Option, Tax Number), Shopify B2B (Location: Catalogs), Brightpearl (Account reference), Sage 200 ES and
 * TeamSystem (Comisionista, Codice), Odoo's related-company columns in English, French and Italian.
 */
export const APPAREL_AND_COMMERCE: Vocabulary = {
  customer_code: [
    'customer no',
    'contact number',
    'account reference',
    'related company internal reference',
    'societe liee reference interne',
    'azienda collegata riferimento interno',
    'compania relacionada referencia interna',
    'codice',
    'numero',
  ],
  customer_name: [
    'related company name',
    'societe liee nom',
    'azienda collegata nome',
    'compania relacionada nombre',
    'intitule',
    'company',
  ],
  email: ['email address', 'customer email'],
  price_label: [
    'pricing option',
    'price code',
    'location catalogs',
    'catalogs',
    'price level',
    'price class',
  ],
  payment_terms_code: ['terms code', 'payment terms'],
  shipping_method_code: ['ship via name', 'ship method'],
  sales_rep_code: ['salesman', 'salesperson no', 'salesperson id', 'comisionista', 'agente'],
  tax_id: ['tax number', 'n tva intracommunautaire'],
  address_code: ['store', 'store no', 'store number', 'ship to no'],
  address_2: ['complement', 'rue 2', 'via 2', 'street 2'],
  city: ['town'],
};
