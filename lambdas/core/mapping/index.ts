/** The public face of core/mapping/: what other folders use of it. */
export type { RowMapper } from './createRowMapper.js';
export { matchValue } from './matchValue.js';
export { type MappedReading, readMappedRecords } from './readMappedRecords.js';
