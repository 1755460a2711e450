import { ADDRESS_FIELDS } from '../fields.js';
import type { ValidAddressPart, ValidRow } from '../validating/index.js';
import { UNIT_SEPARATOR } from '../validating/index.js';

/**
 * The fields of one normalised address as one string, starting with its type: the content hash sums the digests
 * of a customer's rows, and a billing address must not count the same as a shipping one.
 */
export const addressTextOf = (address: ValidAddressPart): string => {
  let text = address.address_type + UNIT_SEPARATOR;
  for (let k = 1; k < ADDRESS_FIELDS.length; k += 1)
    text += (address[ADDRESS_FIELDS[k]!] ?? '') + UNIT_SEPARATOR;
  return text;
};

/** What a row adds to its customer's content hash: the customer fields and the address (its text if made), as one string. */
export const contentTextOf = (row: ValidRow, addressText = addressTextOf(row.address)): string =>
  row.customerText + UNIT_SEPARATOR + addressText;
