/** The public face of core/: what other folders use of it. */

export {
  type FileCounts,
  type FileValidation,
  type ValidateOptions,
  validateFile,
} from './fileValidation/index.js';
export type { Address, Customer, FileRefusal, RejectedRow } from './types.js';
