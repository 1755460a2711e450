/** The public face of core/mapping/: what other folders use of it. */
export type { RowMapper } from './createRowMapper.js';
export { matchValue, proposeValueMap, type ValueMatch, type ValueOption } from './matchValue.js';
export { readMappedRecords } from './readMappedRecords.js';
export { createValueTranslator } from './translateValues.js';
