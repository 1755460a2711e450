import { parseFieldChunk, type SyncedFieldsEntry } from '../core/diffing/index.js';
import type { ObjectStore } from '../core/ports/index.js';

/** One chunk of kept field values (core/diffing/syncedFields.ts), empty when there is none yet. */
export const readFieldChunk = async (
  store: ObjectStore,
  key: string,
): Promise<Map<string, SyncedFieldsEntry>> => {
  const text = await store.getText(key);
  return text === undefined ? new Map() : parseFieldChunk(text, key);
};
