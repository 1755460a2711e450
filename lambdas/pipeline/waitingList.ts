import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { mapLimited } from './mapLimited.js';
import { readRecord } from './readRecord.js';
import type { FileRef, ResumeMessage, RunFiles } from './runTypes.js';
import { FileRefListSchema, RunFilesSchema } from './schemas.js';

/** Puts a file in the tenant's waiting list (keyed by arrival, so the list sorts oldest first). */
export const addWaiting = (store: ObjectStore, tenantId: string, entry: RunFiles): Promise<unknown> =>
  store.putText(keys.waiting(tenantId, entry.file.receivedAt, entry.runId), JSON.stringify(entry), {
    contentType: 'application/json',
  });

/** Takes a file off the waiting list (nothing happens when it is not on it). */
export const removeWaiting = (store: ObjectStore, tenantId: string, file: FileRef, runId: string) =>
  store.delete(keys.waiting(tenantId, file.receivedAt, runId));

/** The newest waiting file, ready to be started, and the waiting entries it takes off the list. */
export interface NextRun {
  resume: ResumeMessage;
  entryKeys: string[];
}

/**
 * Picks the tenant's newest waiting file (each file is a full list, SPEC §2.3) and records, before the tenant is
 * released, what it supersedes and that the older runs are handed on: whichever message then starts the newest run
 * (the resume, or a late redelivery of its own S3 event) finds its superseded files, and a superseded run's late
 * redelivery stops at its claim.
 *
 * The superseded files are recorded in S3 (`supersedes.json` of the newest run), never in the resume message: a
 * few thousand uploads during one long run made that message larger than SQS takes (about 190 bytes a file), after
 * the lock was released, and every later finalizer failed the same way. The message names one file whatever the
 * list's length; the entries are read and marked a few dozen at a time (5,000 take seconds).
 */
export const prepareNewestWaiting = async (
  store: ObjectStore,
  tenantId: string,
): Promise<NextRun | undefined> => {
  const entryKeys = await store.list(keys.waitingPrefix(tenantId));
  if (entryKeys.length === 0) return undefined;
  const waiting = await mapLimited(entryKeys, async (key) => (await readRecord(store, key, RunFilesSchema))!);
  // Keys sort by arrival time: the last is the newest full list.
  const newest = waiting.at(-1)!;
  const supersedes = [
    ...waiting.slice(0, -1).flatMap((w) => [...w.supersedes, w.file]),
    ...newest.supersedes,
  ];
  await mapLimited(waiting.slice(0, -1), (w) =>
    store.putText(
      keys.dispatched(tenantId, w.runId),
      JSON.stringify({ runId: w.runId, supersededBy: newest.runId }),
      { contentType: 'application/json' },
    ),
  );
  await store.putText(keys.supersedes(tenantId, newest.runId), JSON.stringify(supersedes), {
    contentType: 'application/json',
  });
  return {
    resume: { type: 'resume', tenantId, runId: newest.runId, file: newest.file },
    entryKeys,
  };
};

/** Starts the prepared run through the inbox queue and empties the waiting list of the entries it took. */
export const startNextRun = async (
  store: ObjectStore,
  inboxQueue: MessageSender,
  next: NextRun,
): Promise<void> => {
  // The inbox queue is a standard queue: no SQS deduplication there. A resume delivered twice stops at its claim.
  await inboxQueue.send([{ body: JSON.stringify(next.resume) }]);
  await mapLimited(next.entryKeys, (key) => store.delete(key));
};

/** The older files a run supersedes: those its message names and those recorded for it when it was picked. */
export const supersededBy = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  named: FileRef[],
): Promise<FileRef[]> => {
  const recorded = (await readRecord(store, keys.supersedes(tenantId, runId), FileRefListSchema)) ?? [];
  const byKey = new Map([...named, ...recorded].map((file) => [`${file.key}#${file.versionId ?? ''}`, file]));
  return [...byKey.values()];
};
