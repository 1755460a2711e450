import type { CustomerFailure } from '../reporting/index.js';

/**
 * The code of a failure that says only "not confirmed": a run closed while its batches were out records one for each
 * customer no batch result named yet (abandonStart.ts). It is a placeholder, not JOOR's word.
 */
export const UNCONFIRMED_CODE = 'not_processed';

/**
 * Each sent customer's one outcome from a run's batch results. A run closed while its batches were out puts every
 * customer it cannot place in one batch's result as unconfirmed, while other batches may still be posted and answered
 * (a consumer or a job check at work beside the close, or a later delivery of the run): a customer JOOR accepted, or
 * failed in its own words, is counted so, and its placeholder dropped; a customer named twice is counted once.
 */
export const settleOutcomes = (
  results: { accepted: string[]; failures: CustomerFailure[] }[],
): { accepted: string[]; failures: CustomerFailure[] } => {
  const accepted = [...new Set(results.flatMap((r) => r.accepted))];
  const acceptedCodes = new Set(accepted);
  const all = results.flatMap((r) => r.failures).filter((f) => !acceptedCodes.has(f.customerCode));
  const definite = new Set(all.filter((f) => f.code !== UNCONFIRMED_CODE).map((f) => f.customerCode));
  const seen = new Set<string>();
  const failures = all.filter((f) => {
    if (f.code === UNCONFIRMED_CODE && definite.has(f.customerCode)) return false;
    if (seen.has(f.customerCode)) return false;
    seen.add(f.customerCode);
    return true;
  });
  return { accepted, failures };
};
