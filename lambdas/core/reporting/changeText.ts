import type { FieldChange } from '../diffing/index.js';

/** Said of a changed customer whose accepted values were not kept (synced before the platform kept them). */
export const BEFORE_UNKNOWN =
  'Changed since the last sync; its fields as JOOR had them were not kept then, so the change is not itemised';

/** "Before: Wholesale EUR; after: Retail EUR", an empty value said as such. */
export const changeMessage = (change: FieldChange): string =>
  `Before: ${change.before ?? '(empty)'}; after: ${change.after ?? '(empty)'}`;
