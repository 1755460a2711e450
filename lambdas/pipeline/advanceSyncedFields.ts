import { mergeAcceptedFields, renderFieldChunk } from '../core/diffing/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { readFieldChunk } from './readFieldChunk.js';

/**
 * The kept values moved forward for what JOOR accepted (the finalizer, before it moves the snapshot). Safe to
 * repeat: a chunk merged again with the same accepted values is written with the same content.
 */
export const advanceSyncedFields = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  snapshotKey: string,
  accepted: ReadonlySet<string>,
): Promise<void> => {
  if (accepted.size === 0) return;
  for (const sentKey of await store.list(keys.sentFieldsPrefix(tenantId, runId))) {
    const chunk = sentKey.slice(sentKey.lastIndexOf('/') + 1).replace(/\.jsonl$/, '');
    const sent = await readFieldChunk(store, sentKey);
    if (![...sent.keys()].some((code) => accepted.has(code))) continue;
    const syncedKey = keys.syncedFields(snapshotKey, chunk);
    const merged = mergeAcceptedFields(await readFieldChunk(store, syncedKey), sent.values(), accepted);
    if (merged)
      await store.putText(syncedKey, renderFieldChunk(merged.values()), {
        contentType: 'application/x-ndjson',
      });
  }
};
