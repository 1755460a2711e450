import { ADDRESS_FIELDS, type AddressField, type MappedRow, wideColumnName } from '../fields.js';
import type { Problem } from '../validating/index.js';

const ADDRESS_FIELD_SET: ReadonlySet<string> = new Set(ADDRESS_FIELDS);

/** In the wide layout a problem with `city` of the shipping group is reported as `shipping_city`. */
export const inWideTerms = (problems: Problem[], row: MappedRow): Problem[] =>
  problems.map((problem) =>
    ADDRESS_FIELD_SET.has(problem.field) && problem.field !== 'address_type'
      ? {
          ...problem,
          field: wideColumnName(row.address_type as 'billing' | 'shipping', problem.field as AddressField),
        }
      : problem,
  );
