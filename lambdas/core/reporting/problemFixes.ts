/**
 * How to fix each kind of problem, in the words of a person who edits the ERP's export: the one table the report,
 * the CSV and the README use (test/unit/reporting checks that every code the validator emits has its line here).
 */
export const PROBLEM_FIXES: Readonly<Record<string, string>> = {
  required: 'Fill in this field in the ERP.',
  too_long: 'Shorten the value in the ERP to the length JOOR allows.',
  invalid_email: 'Correct the email address in the ERP (name@domain.example).',
  invalid_currency:
    'Use a three-letter ISO currency code (EUR, USD), its name, or a symbol that names one currency (€, £; $ and ¥ only with a country that says which).',
  invalid_address_type: 'Mark the row as billing or shipping (B or S, or the words your template uses).',
  invalid_country: 'Use an ISO country code (FR, US) or the country’s name (Deutschland, España, Germany).',
  invalid_value: 'Correct the value in the ERP.',
  invalid_state: 'Use the state or province code (NY, ON) or its name, for this country.',
  unknown_price_type: 'Use a price type set up in JOOR for this currency, or ask JOOR to add it.',
  unknown_code:
    'Use a code set up in JOOR (payment terms, shipping method, sales rep, warehouse or group), or translate the ERP’s code to it in the tenant’s valueMaps.',
  unmapped_value:
    'Add the value to the tenant’s valueMaps table for this field, or change it in the ERP to one the table knows.',
  sales_rep_email_mismatch: 'Give the sales rep the email JOOR has for them, or leave the email empty.',
  missing_billing: 'Add one billing address row for this customer.',
  duplicate_billing: 'Keep one billing address for this customer; make the others shipping addresses.',
  duplicate_shipping_address: 'Give each shipping address of the customer its own address code.',
  conflicting_value: 'Make the customer’s fields the same on every row of the customer.',
  customer_rejected: 'Fix the customer’s other rows: this one is held back with them.',
  column_count: 'Check this line for a stray or missing delimiter.',
  quote_error: 'Quote the whole value, doubling each quote inside it, or remove the quotes.',
  line_too_long: 'Check the line ends and quotes of this line in the ERP’s export.',
  invalid_bytes: 'Export the file again as UTF-8; retype the damaged value if it was pasted in.',
};

/** The fix for a problem code; a general one for a code the table does not know. */
export const fixFor = (code: string): string => PROBLEM_FIXES[code] ?? 'Correct the value in the ERP.';
