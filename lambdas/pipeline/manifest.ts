import {
  type ChangedCustomer,
  type CustomerDiff,
  isMassChange,
  type MassChange,
} from '../core/diffing/index.js';
import {
  type Customer,
  describeEncoding,
  type FileRefusal,
  type FileValidation,
  type TextEncoding,
} from '../core/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { NEW_CUSTOMER_NOTE, unknownValuesNote } from '../core/reporting/index.js';
import { keys } from './keys.js';
import { MalformedRecordError } from './parseRecord.js';
import { readRecord } from './readRecord.js';
import { type ReplayFacts, replayNote } from './replay.js';
import type { ManifestCounts, RunFiles, RunManifest } from './runTypes.js';
import { RunManifestSchema } from './schemas.js';

/** Where the customers that go on to JOOR went: batches, and those too large for any. */
export interface SendPlan {
  batches: number;
  /** Customers placed in a batch, with the content hash the snapshot moves to when JOOR accepts them. */
  sentHashes: Record<string, string>;
  oversized: Customer[];
  maxBatchBytes: number;
}

/** Everything the splitter decided about a run; fields are absent for a file that never got that far. */
export interface ManifestFacts extends RunFiles {
  tenantId: string;
  snapshotKey: string;
  locked: boolean;
  refusal?: FileRefusal;
  validation?: Pick<
    FileValidation,
    'bytes' | 'counts' | 'rejected' | 'ignoredColumns' | 'encoding' | 'unknownValues'
  >;
  diff?: CustomerDiff;
  plan?: SendPlan;
  /** Set when no state was synced yet to this JOOR environment and account. */
  firstSync?: { environment: string; accountId?: string };
  /** The changed customers field by field, and the field changed for the most known customers. */
  changes?: { changed: ChangedCustomer[]; widestChange?: MassChange | undefined };
  /** A file dropped under `dry-run/`: planned, reported, never sent. */
  dryRun?: boolean;
  /** The file's size when it was refused before being read (from its S3 event). */
  bytes?: number;
  /** Set when the file is an operator's replay of an earlier run (`customer-sync replay`). */
  replay?: ReplayFacts;
}

const firstSyncNote = (target: NonNullable<ManifestFacts['firstSync']>, plan: SendPlan): string =>
  `First sync to this JOOR account (${target.environment}${target.accountId ? `, account ${target.accountId}` : ''}): all ${Object.keys(plan.sentHashes).length} valid customers sent.`;

/** What the report says about how the file's bytes were read, when that was not plain UTF-8. */
const encodingNotesOf = (encoding: TextEncoding): string[] => {
  if (encoding === 'utf-8') return [];
  if (encoding === 'utf-8-replacing')
    return [
      'The file is UTF-8 but for a few bytes that are not: the rows holding them are rejected (code invalid_bytes). Export the file from the ERP as UTF-8 again.',
    ];
  if (encoding === 'utf-16le' || encoding === 'utf-16be')
    return [
      'The file was read as UTF-16 (it starts with a UTF-16 byte-order mark). UTF-8 files are half the size.',
    ];
  if (encoding === 'windows-1252') return ['The file was read as Windows-1252 (it is not valid UTF-8).'];
  // A label the tenant set (shift_jis, iso-8859-2, …): said once, so that a reader of the report knows.
  return [`The file was read as ${describeEncoding(encoding)}, as the tenant config says.`];
};

const notesOf = (validation: ManifestFacts['validation']): string[] => {
  const unknownValues = unknownValuesNote(validation?.unknownValues);
  return [
    NEW_CUSTOMER_NOTE,
    ...(validation && validation.ignoredColumns.length > 0
      ? [`Columns not used: ${validation.ignoredColumns.join(', ')}.`]
      : []),
    ...(validation ? encodingNotesOf(validation.encoding) : []),
    ...(unknownValues ? [unknownValues] : []),
  ];
};

/**
 * The manifest of a run, built from what the splitter learnt (pure: the finalizer renders the report from it and
 * the batch results). A refused or quarantined file sends nothing, and its valid rows are counted as held back.
 */
export const buildManifest = (facts: ManifestFacts): RunManifest => {
  const { validation, diff, plan, refusal } = facts;
  const counts = validation?.counts;
  return {
    runId: facts.runId,
    tenantId: facts.tenantId,
    file: { ...facts.file, bytes: validation?.bytes ?? facts.bytes ?? 0 },
    snapshotKey: facts.snapshotKey,
    locked: facts.locked,
    batches: plan?.batches ?? 0,
    counts: {
      rows: counts?.rows ?? 0,
      customers: counts?.customers ?? 0,
      new: refusal ? 0 : (diff?.new.length ?? 0),
      changed: refusal ? 0 : (diff?.changed.length ?? 0),
      unchanged: refusal ? 0 : (diff?.unchanged.length ?? 0),
      rejectedRows: counts?.rejectedRows ?? 0,
      sent: plan ? Object.keys(plan.sentHashes).length : 0,
      missing: diff?.missing.length ?? 0,
      superseded: facts.supersedes.length,
      quarantinedRows: refusal && counts ? counts.rows - counts.rejectedRows : 0,
    },
    ...(refusal ? { refusal } : {}),
    rejected: validation?.rejected ?? [],
    preFailures: (plan?.oversized ?? []).map((customer) => ({
      customerCode: customer.customerCode,
      code: 'too_large',
      message: `The customer is larger than one request may carry (${plan!.maxBatchBytes} bytes): fewer shipping addresses or shorter notes`,
    })),
    sentHashes: plan?.sentHashes ?? {},
    superseded: facts.supersedes,
    missingCodes: diff?.missing ?? [],
    newCodes: refusal ? [] : (diff?.new ?? []),
    ...(facts.dryRun ? { dryRun: true as const } : {}),
    ...(facts.changes && facts.changes.changed.length > 0 ? { changed: facts.changes.changed } : {}),
    ...(isMassChange(facts.changes?.widestChange) ? { massChange: facts.changes.widestChange } : {}),
    notes: [
      ...notesOf(validation),
      ...(facts.firstSync && plan ? [firstSyncNote(facts.firstSync, plan)] : []),
      ...(facts.replay ? [replayNote(facts.replay)] : []),
      ...(facts.dryRun ? [DRY_RUN_NOTE] : []),
    ],
  };
};

/** Told in a dry run's report: what it was, and how to send the file for real. */
export const DRY_RUN_NOTE =
  'This file was dropped under dry-run/: it was validated and compared with the last sync, and nothing was sent to JOOR. Put it in the SFTP home itself to send it.';

/** Stores the manifest; written again whole by a repeated delivery, with the same content. */
export const writeManifest = (
  store: ObjectStore,
  manifest: RunManifest,
  options: { ifAbsent?: boolean } = {},
) =>
  store.putText(keys.manifest(manifest.tenantId, manifest.runId), JSON.stringify(manifest), {
    contentType: 'application/json',
    ...options,
  });

/**
 * The splitter's manifest of a run it is about to send, unless the run was closed meanwhile: a dead-letter handler or
 * the run that took the tenant over from it wrote a "not processed" manifest first (abandonStart writes one only
 * where there is none). A manifest of an earlier delivery of the same run is written over: the same file gives the
 * same manifest.
 */
export const claimManifest = async (
  store: ObjectStore,
  manifest: RunManifest,
): Promise<'written' | 'closed'> => {
  if ((await writeManifest(store, manifest, { ifAbsent: true })) === 'written') return 'written';
  const existing = await findManifest(store, manifest.tenantId, manifest.runId);
  if (existing?.refusal?.code === 'not_processed') return 'closed';
  await writeManifest(store, manifest);
  return 'written';
};

/**
 * The run's manifest, or undefined when it has none or it cannot be read as one. A failure to reach the store is
 * not swallowed: a dead-letter handler that took it for "no manifest" would write over the real one.
 */
export const findManifest = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<RunManifest | undefined> => {
  try {
    return await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  } catch (error) {
    if (error instanceof MalformedRecordError) return undefined;
    throw error;
  }
};

export const readManifest = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
): Promise<RunManifest> => {
  const manifest = await readRecord(store, keys.manifest(tenantId, runId), RunManifestSchema);
  if (manifest === undefined) throw new Error(`Run ${tenantId}/${runId} has no manifest`);
  return manifest;
};

/** The counts of a run that read nothing: one whose manifest was never written, or a digest of refused files. */
export const EMPTY_COUNTS: ManifestCounts = {
  rows: 0,
  customers: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  rejectedRows: 0,
  sent: 0,
  missing: 0,
  superseded: 0,
  quarantinedRows: 0,
};
