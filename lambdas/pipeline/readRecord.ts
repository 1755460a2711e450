import type * as v from 'valibot';
import type { ObjectStore } from '../core/ports/index.js';
import { parseRecord } from './parseRecord.js';

/** Reads a JSON object the pipeline stored, checked with its schema; undefined when there is none. */
export const readRecord = async <T>(
  store: ObjectStore,
  key: string,
  schema: v.GenericSchema<unknown, T>,
): Promise<T | undefined> => {
  const text = await store.getText(key);
  return text === undefined ? undefined : parseRecord(schema, text, key);
};
