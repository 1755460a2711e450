import type { FileRefusal } from '../types.js';
import type { CustomerDiff } from './diffCustomers.js';

/**
 * Refuses a file that would drop more than `threshold` of the known customers: a truncated export or a wrong
 * filter in the ERP looks exactly like that, and a full list is the norm (SPEC §2.5).
 */
export const checkMassDrop = (
  diff: CustomerDiff,
  knownCustomers: number,
  threshold: number,
): FileRefusal | undefined => {
  if (knownCustomers === 0) return undefined;
  const share = diff.missing.length / knownCustomers;
  if (share <= threshold) return undefined;
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
  return {
    code: 'mass_drop',
    message: `The file leaves out ${diff.missing.length} of ${knownCustomers} known customers (${percent(share)}), more than the ${percent(threshold)} allowed: nothing was sent to JOOR. Send the full customer list, or raise the tenant's massDropThreshold if the drop is intended.`,
  };
};
