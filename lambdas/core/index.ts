/** The public face of core/: what other folders use of it. */
export type { Address, Customer, FileRefusal, RejectedRow } from './types.js';
export { validateFile } from './validateFile.js';
