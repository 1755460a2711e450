export type { FileValidation, ValidateFileOptions } from './types.js';
export { validateFile } from './validateFile.js';
export { exitCodeOf, toValidationSummary, type ValidationSummary } from './validationSummary.js';
