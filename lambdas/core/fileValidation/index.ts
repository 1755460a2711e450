export type { FileCounts, FileValidation, ValidateOptions } from './types.js';
export { validateFile } from './validateFile.js';
