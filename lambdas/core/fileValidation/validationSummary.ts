import type { FileRefusal, RejectedRow } from '../types.js';
import type { UnknownValue } from '../validating/index.js';
import type { FileCounts, FileValidation } from './types.js';

export type ValidationStatus = 'success' | 'error' | 'refused';

/** The object `customer-sync validate --json` prints: a stable contract other tools read. */
export interface ValidationSummary {
  file: string;
  status: ValidationStatus;
  counts: FileCounts;
  rejected: Pick<RejectedRow, 'line' | 'customerCode' | 'field' | 'code' | 'message' | 'value'>[];
  refusal?: FileRefusal;
  /** Code values no value table and no reference list of the tenant knows, once each with their rows. */
  unknownValues?: UnknownValue[];
}

export const statusOf = (validation: FileValidation): ValidationStatus =>
  validation.refusal ? 'refused' : validation.counts.rejectedRows > 0 ? 'error' : 'success';

export const toValidationSummary = (validation: FileValidation): ValidationSummary => ({
  file: validation.file,
  status: statusOf(validation),
  counts: validation.counts,
  rejected: validation.rejected,
  ...(validation.refusal ? { refusal: validation.refusal } : {}),
  ...(validation.unknownValues ? { unknownValues: validation.unknownValues } : {}),
});

/** Exit status of `validate`: 0 every row valid, 1 some rows rejected, 2 the file refused as a whole. */
export const exitCodeOf = (status: ValidationStatus): 0 | 1 | 2 =>
  status === 'success' ? 0 : status === 'error' ? 1 : 2;
