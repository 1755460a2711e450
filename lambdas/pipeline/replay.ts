import type { CustomerDiff } from '../core/diffing/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import type { FileRef } from './runTypes.js';

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
} as const;

export interface ReplayFacts {
  /** The run whose file this is again. */
  of: string;
  full: boolean;
  /** A newer run that had synced: this replay sent older data over newer. */
  over?: string;
}

/** The replay a file version stands for, when it is one. */
export const replayOf = async (store: ObjectStore, file: FileRef): Promise<ReplayFacts | undefined> => {
  const metadata = await store.metadata(file.key, file.versionId);
  const of = metadata[REPLAY_METADATA.of];
  const over = metadata[REPLAY_METADATA.over];
  return of ? { of, full: metadata[REPLAY_METADATA.full] === 'true', ...(over ? { over } : {}) } : undefined;
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
  (replay.over
    ? ` This file is older than run ${replay.over}, which had synced: the operator chose to send its older data over the newer (--allow-older).`
    : '');
