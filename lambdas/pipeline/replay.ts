import type { CustomerDiff } from '../core/diffing/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import type { FileRef } from './runTypes.js';
import type { StartRequest } from './startRun.js';

/**
 * The S3 user metadata `customer-sync replay` puts on the copy of an archived file it drops into inbox/: the run
 * replayed, and whether every valid customer is to be sent whatever the last sync says. Metadata travels with the
 * object version, so the flag holds when the file waits behind another run and is resumed later.
 */
export const REPLAY_METADATA = {
  of: 'customer-sync-replay-of',
  full: 'customer-sync-full',
  /** The newer run that had synced when an operator replayed this older file all the same (`--allow-older`). */
  over: 'customer-sync-replay-over',
  /**
   * When the replayed file first arrived: the copy takes the file's place in the tenant's order, not the copy's, so
   * that "newest wins" (the waiting list, `replay`'s refusal of older files) compares the files themselves.
   */
  receivedAt: 'customer-sync-received-at',
} as const;

export interface ReplayFacts {
  /** The run whose file this is again. */
  of: string;
  full: boolean;
  /** A newer run that had synced: this replay sent older data over newer. */
  over?: string;
  /** When the replayed file first arrived (REPLAY_METADATA.receivedAt); absent on copies made before it was kept. */
  receivedAt?: string;
  /** When the copy arrived, for a replay put in its file's place (inFileOrder). */
  copiedAt?: string;
}

/** The replay a file version stands for, when it is one. */
export const replayOf = async (store: ObjectStore, file: FileRef): Promise<ReplayFacts | undefined> => {
  const metadata = await store.metadata(file.key, file.versionId);
  const of = metadata[REPLAY_METADATA.of];
  const over = metadata[REPLAY_METADATA.over];
  const receivedAt = metadata[REPLAY_METADATA.receivedAt];
  // Only `customer-sync replay` writes it; a value that is not a time leaves the copy in its own place.
  const placed = receivedAt !== undefined && !Number.isNaN(Date.parse(receivedAt));
  return of
    ? {
        of,
        full: metadata[REPLAY_METADATA.full] === 'true',
        ...(over ? { over } : {}),
        ...(placed ? { receivedAt } : {}),
      }
    : undefined;
};

/**
 * A fresh replay's run put in its file's place in the order: its file's `receivedAt` is the original file's, so the
 * waiting list, the lock and the run's records order it as that file (#32: a replay of an older file is older). The
 * copy's own arrival stays in the run id and in `copiedAt`. The claim, written before the metadata was read, is
 * written again with the file so placed; safe to repeat: the same content every time.
 */
export const inFileOrder = async (
  store: ObjectStore,
  request: StartRequest,
  replay: ReplayFacts,
): Promise<{ request: StartRequest; replay: ReplayFacts }> => {
  if (replay.receivedAt === undefined || replay.receivedAt === request.file.receivedAt)
    return { request, replay };
  const file = { ...request.file, receivedAt: replay.receivedAt };
  const { tenantId, runId } = request;
  await store.putText(keys.startClaim(tenantId, runId), JSON.stringify({ runId, file }));
  return { request: { ...request, file }, replay: { ...replay, copiedAt: request.file.receivedAt } };
};

/**
 * A full replay sends the customers the last sync already has as well: they are counted as changed (sent again),
 * so each customer still ends in exactly one place of the report; new and missing stay as they are.
 */
export const sendEverything = (diff: CustomerDiff): CustomerDiff => ({
  ...diff,
  changed: [...diff.changed, ...diff.unchanged],
  unchanged: [],
});

/** The report's note on a replayed run. */
export const replayNote = (replay: ReplayFacts): string =>
  (replay.full
    ? `Replayed in full by an operator from run ${replay.of}: every valid customer was sent, whatever the last sync held (customers JOOR already had are counted as changed).`
    : `Replayed by an operator from run ${replay.of}: customers are compared with the last sync as for any file.`) +
  (replay.copiedAt
    ? ` The replay started at ${replay.copiedAt}; the received time above is the file's own, when it first arrived.`
    : '') +
  (replay.over
    ? ` This file is older than run ${replay.over}, which had synced: the operator chose to send its older data over the newer (--allow-older).`
    : '');
