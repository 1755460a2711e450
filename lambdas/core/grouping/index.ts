/** The public face of core/grouping/: what other folders use of it. */
export { CustomerGrouper, type GroupingResult } from './CustomerGrouper.js';
export { collectCustomers } from './collectCustomers.js';
export { customerFields } from './customerFields.js';
