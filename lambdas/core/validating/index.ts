/** The public face of core/validating/: what other folders use of it. */

export { indexReferenceData, type ReferenceIndex } from './checkReferenceData.js';
export { differingFields, UNIT_SEPARATOR } from './customerText.js';
export { foldText } from './foldText.js';
export { toCountryCode } from './geography.js';
export type { Problem } from './Problem.js';
export type { ValidAddressPart, ValidCustomerPart, ValidRow } from './rowSchema.js';
export { type UnknownValue, UnknownValues } from './UnknownValues.js';
export { createRowValidator, type RowValidator } from './validateRow.js';
