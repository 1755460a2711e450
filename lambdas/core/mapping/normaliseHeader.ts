/** Header cells compare loosely: `Customer Code`, `customer-code` and `CUSTOMER_CODE` all name `customer_code`. */
export const normaliseHeader = (cell: string): string =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
