/** The public face of core/: what other folders use of it. */

export { CustomerSyncError, type ErrorCode } from './CustomerSyncError.js';
export {
  ADDRESS_FIELDS,
  type AddressField,
  CANONICAL_FIELDS,
  type CanonicalField,
  CUSTOMER_FIELDS,
  requiredColumnsOf,
  WIDE_ADDRESS_FIELDS,
  wideColumnName,
} from './fields.js';
export {
  exitCodeOf,
  type FileValidation,
  toValidationSummary,
  type ValidateFileOptions,
  type ValidationSummary,
  validateFile,
} from './fileValidation/index.js';
export { formatCount, plural } from './formatCount.js';
export { describeEncoding, type TextEncoding } from './reading/index.js';
export {
  type Address,
  type Customer,
  FILE_REFUSAL_CODES,
  type FileRefusal,
  type RejectedRow,
} from './types.js';
