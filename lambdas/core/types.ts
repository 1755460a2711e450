/** An address after normalisation: trimmed, country as ISO alpha-2, state as a subdivision code where checked. */
export interface Address {
  addressCode?: string;
  addressName?: string;
  address1: string;
  address2?: string;
  address3?: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
  addressPhone?: string;
}

/** A validated customer: its fields once, one billing address, any number of shipping addresses. */
export interface Customer {
  customerCode: string;
  customerName: string;
  email?: string;
  phone?: string;
  currency: string;
  priceLabel: string;
  paymentTermsCode?: string;
  shippingMethodCode?: string;
  salesRepCode?: string;
  salesRepEmail?: string;
  warehouseCode?: string;
  customerGroupCode?: string;
  companyNumber?: string;
  taxId?: string;
  notes?: string;
  billing: Address;
  /** Sorted by address code, so that two files listing the same addresses in another order compare equal. */
  shipping: Address[];
}

/**
 * One problem found in the file, carrying everything a person at the brand needs to fix it.
 * A row may have several problems; each is listed.
 */
export interface RejectedRow {
  /** Physical line where the row starts; the header is line 1. */
  line: number;
  customerCode: string;
  /** The customer's name as the row gives it (cut like any echo), so that a report can group problems by customer. */
  customerName?: string;
  /** Canonical field name, or `row` for a problem with the row as a whole. */
  field: string;
  /** The value as read (trimmed), when the problem is about a value. */
  value?: string;
  /** Stable machine-readable code, e.g. `required`, `too_long`, `unknown_code`. */
  code: string;
  message: string;
}

/** Every reason a file can be refused as a whole (SPEC §2.5); the pipeline's schemas check records against it. */
export const FILE_REFUSAL_CODES = [
  'empty',
  'header_only',
  'binary',
  'undecodable',
  'wrong_delimiter',
  /** A quote opens and never closes: no record after it can be told apart. */
  'unclosed_quote',
  'missing_columns',
  'duplicate_columns',
  'no_valid_customers',
  'file_name',
  'partial_upload',
  /** The file was put in a folder of the SFTP home the platform does not read (only the home and `dry-run/`). */
  'unread_folder',
  /** The file's name is longer than the platform's bound (its archive key would pass S3's 1,024 bytes). */
  'file_name_too_long',
  /** The file is larger than the platform's bound: refused before it is read. */
  'file_too_large',
  /** A digest of a tenant's refused files (SPEC §2.10): one report naming each, instead of one report each. */
  'refused_files',
  'mass_drop',
  /** One field changed for more known customers than the tenant's massChangeThreshold allows. */
  'mass_change',
  /** The pipeline itself failed on the file (every delivery): an operator looks at it with the run's reference. */
  'not_processed',
] as const;

/** Why a file was refused as a whole. */
export interface FileRefusal {
  code: (typeof FILE_REFUSAL_CODES)[number];
  message: string;
}
