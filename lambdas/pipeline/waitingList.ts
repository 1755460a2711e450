import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import type { FileRef, ResumeMessage, WaitingEntry } from './runTypes.js';
import { WaitingEntrySchema } from './schemas.js';

/** Puts a file in the tenant's waiting list (keyed by arrival, so the list sorts oldest first). */
export const addWaiting = (store: ObjectStore, tenantId: string, entry: WaitingEntry): Promise<unknown> =>
  store.putText(keys.waiting(tenantId, entry.file.receivedAt, entry.runId), JSON.stringify(entry), {
    contentType: 'application/json',
  });

/** Takes a file off the waiting list (nothing happens when it is not on it). */
export const removeWaiting = (store: ObjectStore, tenantId: string, file: FileRef, runId: string) =>
  store.delete(keys.waiting(tenantId, file.receivedAt, runId));

/**
 * Starts the newest waiting file of the tenant through the inbox queue, handing it the older ones it supersedes
 * (each file is a full list, SPEC §2.3), then empties the list.
 */
export const startNewestWaiting = async (
  store: ObjectStore,
  inboxQueue: MessageSender,
  tenantId: string,
): Promise<void> => {
  const waitingKeys = await store.list(keys.waitingPrefix(tenantId));
  if (waitingKeys.length === 0) return;
  const waiting = await Promise.all(
    waitingKeys.map(async (key) => ({ key, ...(await readRecord(store, key, WaitingEntrySchema))! })),
  );
  // Keys sort by arrival time: the last is the newest full list.
  const newest = waiting.at(-1)!;
  const supersedes = [
    ...waiting.slice(0, -1).flatMap((w) => [...w.supersedes, w.file]),
    ...newest.supersedes,
  ];
  // A superseded run is handed on for good: a late redelivery of its own event stops at the claim (startRun) and
  // cannot put it back in the waiting list after the file was archived as superseded.
  for (const w of waiting.slice(0, -1))
    await store.putText(
      keys.dispatched(tenantId, w.runId),
      JSON.stringify({ runId: w.runId, supersededBy: newest.runId }),
      {
        contentType: 'application/json',
      },
    );
  const resume: ResumeMessage = {
    type: 'resume',
    tenantId,
    runId: newest.runId,
    file: newest.file,
    supersedes,
  };
  // The inbox queue is a standard queue: no SQS deduplication there. A resume sent twice finds its run claimed.
  await inboxQueue.send([{ body: JSON.stringify(resume) }]);
  for (const w of waiting) await store.delete(w.key);
};
