/** The public face of core/: what other folders use of it. */

export {
  type FileCounts,
  type FileValidation,
  type ValidateOptions,
  validateFile,
} from './fileValidation/index.js';
export { formatCount } from './formatCount.js';
export type { TextEncoding } from './reading/index.js';
export {
  type Address,
  type Customer,
  FILE_REFUSAL_CODES,
  type FileRefusal,
  type RejectedRow,
} from './types.js';
