import type { ChangedCustomer, MassChange } from '../diffing/index.js';
import type { FileRefusal, RejectedRow } from '../types.js';

/** A customer JOOR did not take, with JOOR's words (or ours, when the batch never reached it). */
export interface CustomerFailure {
  customerCode: string;
  code: string;
  message: string;
}

export interface SyncCounts {
  /** Data rows of the file. */
  rows: number;
  customers: number;
  new: number;
  changed: number;
  unchanged: number;
  rejectedRows: number;
  /** Customers sent to JOOR (new and changed). */
  sent: number;
  accepted: number;
  failed: number;
  /** Known customers this file leaves out: reported, never deleted. */
  missing: number;
  /** Earlier files of the tenant that waited and were replaced by this newer one. */
  superseded: number;
  /**
   * Rows held back because the file was quarantined or refused: "held back" in the code and the report's words
   * (outcomes.ts, summaryRows.ts). The key keeps its first name: it is a contract of every stored report.json, of
   * `start`'s JSON (README) and of the manifests and reports of runs already written.
   */
  quarantinedRows: number;
  /** Of the customers JOOR accepted, those new to the synced state (the rest were changed); absent in old reports. */
  acceptedNew?: number;
}

/**
 * Everything a person at the brand learns about one processed file: the one object the email, the stored JSON,
 * HTML and CSV are all rendered from.
 */
export interface SyncReport {
  runId: string;
  tenantId: string;
  tenantName: string;
  environment: 'sandbox' | 'production';
  file: { name: string; bytes: number; receivedAt: string; finishedAt: string };
  /** Success when nothing was rejected, failed or held back; Error otherwise. */
  status: 'success' | 'error';
  counts: SyncCounts;
  refusal?: FileRefusal;
  rejected: RejectedRow[];
  failures: CustomerFailure[];
  superseded: { file: string; receivedAt: string }[];
  notes: string[];
  /** Known customers this file leaves out, by code (the body lists the first ones, the CSV all). */
  missing?: string[];
  /** A dry run (a file dropped under `dry-run/`): nothing was sent; the counts say what would have been. */
  dryRun?: { new: string[] };
  /**
   * The changed customers field by field, before → after (the body lists the first ones, the CSV and the stored
   * JSON all); absent when none changed, and in old reports.
   */
  changed?: ChangedCustomer[];
  /** The file changes one field for most known customers: the headline says so. */
  massChange?: MassChange;
  /**
   * A digest's refused files (code `refused_files`), each with why: the report of each of them (SPEC §2.10).
   */
  refusedFiles?: { file: string; receivedAt: string; runId: string; code: string; message: string }[];
  /** The tenant's time zone (IANA) in which a person reads the report's times; UTC when absent. */
  timeZone?: string;
  /**
   * A report held while the tenant's config could not be read, sent after a file at least as new synced (this one
   * replayed, or a later full list): the run that synced it and its file. The report then asks for nothing again.
   */
  syncedSince?: { runId: string; file: string };
}

/** Told in every report: JOOR's data team validates new customers before they appear (SPEC §4). */
export const NEW_CUSTOMER_NOTE =
  'New customers appear in JOOR after its data team has validated them, which takes 48 to 72 hours.';

export const statusOfCounts = (counts: SyncCounts, refusal: FileRefusal | undefined): SyncReport['status'] =>
  refusal || counts.rejectedRows > 0 || counts.failed > 0 || counts.quarantinedRows > 0 ? 'error' : 'success';
