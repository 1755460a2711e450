import type { ChangedCustomer, MassChange } from '../core/diffing/index.js';
import { isMassChange } from '../core/diffing/index.js';
import type { FileRefusal, RejectedRow } from '../core/index.js';
import type { FilePlan } from './planFile.js';

/** What the guards make of a file: sent, nothing to send, refused as a whole, or quarantined (mass drop or change). */
export type PlanVerdict = 'send' | 'nothing_to_send' | 'refused' | 'quarantined';

/**
 * The object `customer-sync plan --json` prints (a contract other tools read), and what a dry run's report shows:
 * `validate`'s summary with what the file would do in JOOR, sending nothing.
 */
export interface PlanSummary {
  file: string;
  /** As `validate`'s: success, error (rows rejected), refused (refused or quarantined: nothing would be sent). */
  status: 'success' | 'error' | 'refused';
  verdict: PlanVerdict;
  counts: {
    rows: number;
    customers: number;
    validCustomers: number;
    rejectedRows: number;
    new: number;
    changed: number;
    unchanged: number;
    missing: number;
    /** Customers in the synced state compared with. */
    known: number;
  };
  new: string[];
  changed: ChangedCustomer[];
  missing: string[];
  rejected: RejectedRow[];
  /** Why nothing would be sent: the file's refusal, or the guard that quarantines it (mass_drop, mass_change). */
  refusal?: FileRefusal;
  /** One field changed for most known customers. */
  massChange?: MassChange;
  /** No state was synced yet to this JOOR environment and account: every valid customer would be new. */
  firstSync: boolean;
}

/** The plan as its summary (pure). */
export const toPlanSummary = (plan: FilePlan): PlanSummary => {
  const { validation, compared, refusal } = plan;
  const verdict: PlanVerdict = validation.refusal
    ? 'refused'
    : refusal
      ? 'quarantined'
      : compared.new.length + compared.changed.length > 0
        ? 'send'
        : 'nothing_to_send';
  return {
    file: validation.file,
    status: refusal ? 'refused' : validation.counts.rejectedRows > 0 ? 'error' : 'success',
    verdict,
    counts: {
      ...validation.counts,
      new: compared.new.length,
      changed: compared.changed.length,
      unchanged: compared.unchanged.length,
      missing: compared.missing.length,
      known: plan.known,
    },
    new: compared.new,
    changed: plan.changed,
    missing: compared.missing,
    rejected: validation.rejected,
    ...(refusal ? { refusal } : {}),
    ...(isMassChange(plan.widestChange) ? { massChange: plan.widestChange } : {}),
    firstSync: plan.firstSync,
  };
};

/** Exit status of `plan`, as `validate`'s: 0 every row valid, 1 some rows rejected, 2 nothing would be sent. */
export const planExitCode = (summary: PlanSummary): 0 | 1 | 2 =>
  summary.status === 'success' ? 0 : summary.status === 'error' ? 1 : 2;
