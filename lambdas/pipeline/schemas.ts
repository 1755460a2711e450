import * as v from 'valibot';
import {
  type Address,
  type Customer,
  FILE_REFUSAL_CODES,
  type FileRefusal,
  type RejectedRow,
} from '../core/index.js';
import type { CustomerFailure, SyncCounts } from '../core/reporting/index.js';
import type {
  BatchMessage,
  BatchResult,
  DeliveryFailure,
  EmailRecord,
  FileRef,
  FinalizeClaim,
  FinalizeMessage,
  LockRecord,
  ResumeMessage,
  RunManifest,
  WaitingEntry,
} from './runTypes.js';

/*
 * Schemas of what crosses a boundary: SQS bodies and the JSON the pipeline reads back from S3. Each is typed
 * against the interface it parses to, so the two cannot drift apart; unknown keys are dropped.
 */

const text = v.string();
const optionalText = v.optional(v.string());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const AddressSchema: v.GenericSchema<unknown, Address> = v.object({
  addressCode: optionalText,
  addressName: optionalText,
  address1: text,
  address2: optionalText,
  address3: optionalText,
  city: text,
  state: optionalText,
  postalCode: optionalText,
  country: text,
  addressPhone: optionalText,
});

const CustomerSchema: v.GenericSchema<unknown, Customer> = v.object({
  customerCode: v.pipe(text, v.minLength(1)),
  customerName: text,
  email: optionalText,
  phone: optionalText,
  currency: text,
  priceLabel: text,
  paymentTermsCode: optionalText,
  shippingMethodCode: optionalText,
  salesRepCode: optionalText,
  salesRepEmail: optionalText,
  warehouseCode: optionalText,
  customerGroupCode: optionalText,
  companyNumber: optionalText,
  taxId: optionalText,
  notes: optionalText,
  billing: AddressSchema,
  shipping: v.array(AddressSchema),
});

const fileRefEntries = {
  key: v.pipe(text, v.minLength(1)),
  versionId: optionalText,
  name: text,
  receivedAt: text,
};
const FileRefSchema: v.GenericSchema<unknown, FileRef> = v.object(fileRefEntries);

export const FileRefListSchema: v.GenericSchema<unknown, FileRef[]> = v.array(FileRefSchema);

const CustomerFailureSchema: v.GenericSchema<unknown, CustomerFailure> = v.object({
  customerCode: text,
  code: text,
  message: text,
});

const RejectedRowSchema: v.GenericSchema<unknown, RejectedRow> = v.object({
  line: count,
  customerCode: text,
  customerName: optionalText,
  field: text,
  value: optionalText,
  code: text,
  message: text,
});

const FileRefusalSchema: v.GenericSchema<unknown, FileRefusal> = v.object({
  code: v.picklist(FILE_REFUSAL_CODES),
  message: text,
});

const ManifestCountsSchema: v.GenericSchema<unknown, Omit<SyncCounts, 'accepted' | 'failed'>> = v.object({
  rows: count,
  customers: count,
  new: count,
  changed: count,
  unchanged: count,
  rejectedRows: count,
  sent: count,
  missing: count,
  superseded: count,
  quarantinedRows: count,
});

const tenantId = v.pipe(text, v.regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/));
const runId = v.pipe(text, v.minLength(1));

export const BatchMessageSchema: v.GenericSchema<unknown, BatchMessage> = v.object({
  tenantId,
  runId,
  batch: count,
  customers: v.array(CustomerSchema),
});

export const FinalizeMessageSchema: v.GenericSchema<unknown, FinalizeMessage> = v.object({ tenantId, runId });

export const ResumeMessageSchema: v.GenericSchema<unknown, ResumeMessage> = v.object({
  type: v.literal('resume'),
  tenantId,
  runId,
  file: FileRefSchema,
  supersedes: v.array(FileRefSchema),
});

export const BatchResultSchema: v.GenericSchema<unknown, BatchResult> = v.object({
  batch: count,
  accepted: v.array(text),
  failures: v.array(CustomerFailureSchema),
});

export const RunManifestSchema: v.GenericSchema<unknown, RunManifest> = v.object({
  runId,
  tenantId,
  file: v.object({ ...fileRefEntries, bytes: count }),
  snapshotKey: text,
  locked: v.boolean(),
  batches: count,
  counts: ManifestCountsSchema,
  refusal: v.optional(FileRefusalSchema),
  rejected: v.array(RejectedRowSchema),
  preFailures: v.array(CustomerFailureSchema),
  sentHashes: v.record(text, text),
  superseded: v.array(FileRefSchema),
  notes: v.array(text),
  missingCodes: v.optional(v.array(text)),
  newCodes: v.optional(v.array(text)),
});

const EmailRecordSchema: v.GenericSchema<unknown, EmailRecord> = v.variant('status', [
  v.object({ status: v.literal('sending') }),
  v.object({ status: v.literal('sent'), attempts: count }),
  v.object({ status: v.literal('not_configured') }),
  v.object({ status: v.literal('failed'), attempts: count, reason: text }),
]);

export const FinalizeClaimSchema: v.GenericSchema<unknown, FinalizeClaim> = v.object({
  startedAt: text,
  done: v.optional(v.boolean()),
  emailed: v.optional(v.boolean()),
  email: v.optional(EmailRecordSchema),
  nextStarted: v.optional(v.boolean()),
  abandoned: v.optional(text),
  archivedAs: v.optional(v.picklist(['processed', 'rejected'])),
});

export const LockRecordSchema: v.GenericSchema<unknown, LockRecord> = v.object({
  runId,
  since: text,
  expiresAt: optionalText,
  file: v.optional(FileRefSchema),
  supersedes: v.optional(FileRefListSchema),
  previous: v.optional(v.object({ runId, file: v.optional(FileRefSchema), supersedes: FileRefListSchema })),
});

export const WaitingEntrySchema: v.GenericSchema<unknown, WaitingEntry> = v.object({
  runId,
  file: FileRefSchema,
  supersedes: v.array(FileRefSchema),
});

export const DeliveryFailureSchema: v.GenericSchema<unknown, DeliveryFailure> = v.object({
  stage: v.picklist(['split', 'finalize']),
  at: text,
  kind: v.picklist(['config', 'file', 'handler']),
  message: text,
});
