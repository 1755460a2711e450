import type { MessageSender, ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { mapLimited } from './mapLimited.js';
import { parseRecord } from './parseRecord.js';
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
  const read = await mapLimited(entryKeys, async (key) => {
    const entry = await readRecord(store, key, RunFilesSchema);
    // An entry whose run was handed on since it joined is stale: a delivery of the run joined the list while another
    // delivery of it started the file. Picked, it would supersede the files beside it with a run that has already
    // reported, and they would get no report; it is taken off the list with the others, and picks nothing.
    return {
      key,
      entry: entry && !(await noLongerToStart(store, tenantId, entry.runId)) ? entry : undefined,
    };
  });
  const waiting = read.flatMap(({ entry }) => (entry ? [entry] : []));
  if (waiting.length === 0) {
    await mapLimited(entryKeys, (key) => store.delete(key));
    return undefined;
  }
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
  await recordSupersedes(store, tenantId, newest.runId, supersedes);
  return {
    resume: { type: 'resume', tenantId, runId: newest.runId, file: newest.file },
    entryKeys,
  };
};

/**
 * Whether a waiting run was started and handed on by a delivery of its own (sent, refused or closed) or finalized: no
 * longer one to start. A run superseded by an earlier pick is still one to list: a finalizer that died after picking
 * picks again, and the files its pick superseded must be superseded again. Narrower than isHandedOn (handedOn.ts),
 * for which a superseded run is handed on.
 */
const noLongerToStart = async (store: ObjectStore, tenantId: string, runId: string): Promise<boolean> => {
  if (await store.exists(keys.finalizeClaim(tenantId, runId))) return true;
  const dispatched = await store.getText(keys.dispatched(tenantId, runId));
  return dispatched !== undefined && !dispatched.includes('"supersededBy"');
};

/**
 * Empties the waiting list of the entries the prepared run took, then starts it through the inbox queue. In this
 * order: the started file may find the tenant taken by another file meanwhile and join the list again, under the
 * same key, and a delete after the send would take that entry off too, stranding the file (concurrent chaos seed
 * 70086). The caller records the pick first (handOnTenant), so that dying between the two loses nothing.
 */
export const startNextRun = async (
  store: ObjectStore,
  inboxQueue: MessageSender,
  next: NextRun,
): Promise<void> => {
  await mapLimited(next.entryKeys, (key) => store.delete(key));
  await sendResumes(inboxQueue, [next.resume]);
};

/** The inbox queue is a standard queue: no SQS deduplication there. A resume delivered twice stops at its claim. */
export const sendResumes = async (inboxQueue: MessageSender, resumes: ResumeMessage[]): Promise<void> => {
  if (resumes.length > 0) await inboxQueue.send(resumes.map((resume) => ({ body: JSON.stringify(resume) })));
};

/** Conditional writes a supersedes record tries before giving up (each loses only to another picker of the run). */
const RECORD_ATTEMPTS = 10;

/**
 * Adds files to what a run supersedes (`supersedes.json`), never dropping one recorded before: two handlers of one run
 * (its finalizer and its dead-letter handler) may each pick the newest waiting file, the second after the first took
 * entries off the list; written over, the second's shorter list would leave the first's files without a report.
 * A write that must find the record as it was read (`If-Match`, or `If-None-Match` when there is none) reads again
 * when another picker wrote in between.
 */
const recordSupersedes = async (store: ObjectStore, tenantId: string, runId: string, files: FileRef[]) => {
  const key = keys.supersedes(tenantId, runId);
  for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt += 1) {
    const tagged = await store.getTagged(key);
    const recorded = tagged ? parseRecord(FileRefListSchema, tagged.text, key) : [];
    const merged = uniqueFiles([...recorded, ...files]);
    if (tagged && merged.length === recorded.length) return;
    const written = await store.putText(key, JSON.stringify(merged), {
      contentType: 'application/json',
      ...(tagged ? { ifMatch: tagged.tag } : { ifAbsent: true }),
    });
    if (written === 'written') return;
  }
  throw new Error(
    `The superseded files of run ${tenantId}/${runId} kept changing under ${RECORD_ATTEMPTS} writes`,
  );
};

const uniqueFiles = (files: FileRef[]): FileRef[] => [
  ...new Map(files.map((file) => [`${file.key}#${file.versionId ?? ''}`, file])).values(),
];

/** The older files a run supersedes: those its message names and those recorded for it when it was picked. */
export const supersededBy = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  named: FileRef[],
): Promise<FileRef[]> => {
  const recorded = (await readRecord(store, keys.supersedes(tenantId, runId), FileRefListSchema)) ?? [];
  return uniqueFiles([...named, ...recorded]);
};
