import * as v from 'valibot';
import { TENANT_ID } from '../core/config/index.js';
import type { ChangedCustomer, MassChange } from '../core/diffing/index.js';
import {
  type Address,
  type Customer,
  FILE_REFUSAL_CODES,
  type FileRefusal,
  type RejectedRow,
} from '../core/index.js';
import type { CustomerFailure } from '../core/reporting/index.js';
import type {
  BatchMessage,
  BatchPost,
  BatchResult,
  DeliveryFailure,
  DigestRecord,
  EmailRecord,
  FileRef,
  FinalizeClaim,
  FinalizeMessage,
  JobCheckMessage,
  JobWatch,
  LockRecord,
  ManifestCounts,
  RefusalEntry,
  RefusalWindow,
  ResumeMessage,
  RunFiles,
  RunManifest,
} from './runTypes.js';
import { schemaOf } from './schemaOf.js';

/*
 * Schemas of what crosses a boundary: SQS bodies and the JSON the pipeline reads back from S3. Each is declared with
 * `schemaOf` against the interface it parses to, which compares the keys both ways, so the two cannot drift apart;
 * unknown keys are dropped.
 */

const text = v.string();
const optionalText = v.optional(v.string());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const AddressSchema = schemaOf<Address>()(
  v.object({
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
  }),
);

const CustomerSchema = schemaOf<Customer>()(
  v.object({
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
  }),
);

const fileRefEntries = {
  key: v.pipe(text, v.minLength(1)),
  versionId: optionalText,
  name: text,
  receivedAt: text,
};
const FileRefSchema = schemaOf<FileRef>()(v.object(fileRefEntries));

export const FileRefListSchema = schemaOf<FileRef[]>()(v.array(FileRefSchema));

const CustomerFailureSchema = schemaOf<CustomerFailure>()(
  v.object({
    customerCode: text,
    code: text,
    message: text,
  }),
);

const RejectedRowSchema = schemaOf<RejectedRow>()(
  v.object({
    line: count,
    customerCode: text,
    customerName: optionalText,
    field: text,
    value: optionalText,
    code: text,
    message: text,
  }),
);

const FileRefusalSchema = schemaOf<FileRefusal>()(
  v.object({
    code: v.picklist(FILE_REFUSAL_CODES),
    message: text,
  }),
);

const ManifestCountsSchema = schemaOf<ManifestCounts>()(
  v.object({
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
  }),
);

const nullableText = v.nullable(text);

const ChangedCustomerSchema = schemaOf<ChangedCustomer>()(
  v.object({
    customerCode: text,
    customerName: text,
    changes: v.array(v.object({ field: text, before: nullableText, after: nullableText })),
    beforeUnknown: v.optional(v.literal(true)),
  }),
);

const MassChangeSchema = schemaOf<MassChange>()(
  v.object({
    field: text,
    label: text,
    customers: count,
    known: count,
  }),
);

const tenantId = v.pipe(text, v.regex(TENANT_ID));
const runId = v.pipe(text, v.minLength(1));

export const BatchMessageSchema = schemaOf<BatchMessage>()(
  v.object({
    tenantId,
    runId,
    batch: count,
    batches: v.optional(count),
    customers: v.array(CustomerSchema),
  }),
);

export const BatchPostSchema = schemaOf<BatchPost>()(
  v.object({
    batch: count,
    jobs: v.array(v.object({ jobId: count, customerCodes: v.array(text) })),
    postedAt: optionalText,
    customers: v.array(CustomerSchema),
    failures: v.array(CustomerFailureSchema),
    posts: count,
    waits: count,
    failedDeliveries: count,
    unreadablePosts: v.optional(count),
    lastError: optionalText,
    notBefore: optionalText,
    history: v.array(v.object({ jobId: count, outcome: text, words: text, at: text })),
  }),
);

export const JobCheckMessageSchema = schemaOf<JobCheckMessage>()(
  v.object({
    type: v.literal('job-check'),
    tenantId,
    runId,
    token: v.pipe(text, v.minLength(1)),
    after: optionalText,
  }),
);

export const JobWatchSchema = schemaOf<JobWatch>()(
  v.object({
    token: text,
    checkAt: text,
    intervalMs: count,
    since: text,
    polls: count,
    done: v.optional(v.boolean()),
    lastAnswer: optionalText,
  }),
);

export const FinalizeMessageSchema = schemaOf<FinalizeMessage>()(v.object({ tenantId, runId }));

export const ResumeMessageSchema = schemaOf<ResumeMessage>()(
  v.object({
    type: v.literal('resume'),
    tenantId,
    runId,
    file: FileRefSchema,
    supersedes: v.optional(v.array(FileRefSchema)),
  }),
);

export const BatchResultSchema = schemaOf<BatchResult>()(
  v.object({
    batch: count,
    accepted: v.array(text),
    failures: v.array(CustomerFailureSchema),
  }),
);

export const RunManifestSchema = schemaOf<RunManifest>()(
  v.object({
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
    dryRun: v.optional(v.literal(true)),
    changed: v.optional(v.array(ChangedCustomerSchema)),
    massChange: v.optional(MassChangeSchema),
  }),
);

const EmailRecordSchema = schemaOf<EmailRecord>()(
  v.variant('status', [
    v.object({ status: v.literal('sending') }),
    v.object({ status: v.literal('sent'), attempts: count }),
    v.object({ status: v.literal('not_configured') }),
    v.object({ status: v.literal('failed'), attempts: count, reason: text }),
  ]),
);

export const FinalizeClaimSchema = schemaOf<FinalizeClaim>()(
  v.pipe(
    v.object({
      startedAt: text,
      done: v.optional(v.boolean()),
      // Claims written before `email` said only `emailed: true`: such a report was sent, and is not sent again.
      emailed: v.optional(v.boolean()),
      email: v.optional(EmailRecordSchema),
      nextStarted: v.optional(v.boolean()),
      picked: v.optional(v.array(ResumeMessageSchema)),
      handingOn: v.optional(v.boolean()),
      abandoned: v.optional(text),
      archivedAs: v.optional(v.picklist(['processed', 'rejected'])),
      digest: v.optional(text),
      committed: v.optional(v.boolean()),
      closing: v.optional(v.boolean()),
    }),
    v.transform(
      ({ emailed, ...claim }): FinalizeClaim =>
        // How many attempts it took was not recorded: one at least.
        emailed && !claim.email ? { ...claim, email: { status: 'sent', attempts: 1 } } : claim,
    ),
  ),
);

export const LockRecordSchema = schemaOf<LockRecord>()(
  v.object({
    runId,
    since: text,
    expiresAt: optionalText,
    file: v.optional(FileRefSchema),
    supersedes: v.optional(FileRefListSchema),
    previous: v.optional(v.object({ runId, file: v.optional(FileRefSchema), supersedes: FileRefListSchema })),
  }),
);

/** A waiting-list entry. */
export const RunFilesSchema = schemaOf<RunFiles>()(
  v.object({
    runId,
    file: FileRefSchema,
    supersedes: FileRefListSchema,
  }),
);

/** The tenant's open interval of refused files (refusalDigest.ts). */
export const RefusalWindowSchema = schemaOf<RefusalWindow>()(
  v.object({
    id: runId,
    openedAt: text,
    dueAt: text,
    closed: v.optional(v.boolean()),
  }),
);

/** A refused file collected for its interval's digest. */
export const RefusalEntrySchema = schemaOf<RefusalEntry>()(
  v.object({
    runId,
    file: v.object({ ...fileRefEntries, bytes: v.optional(count) }),
    refusal: FileRefusalSchema,
  }),
);

/** What a digest run reports on: its interval, when it ends, and the interval's length for the report's words. */
export const DigestRecordSchema = schemaOf<DigestRecord>()(
  v.object({
    windowId: runId,
    dueAt: text,
    intervalMinutes: v.number(),
  }),
);

export const DeliveryFailureSchema = schemaOf<DeliveryFailure>()(
  v.object({
    stage: v.picklist(['split', 'finalize']),
    at: text,
    kind: v.picklist(['config', 'file', 'handler']),
    message: text,
  }),
);
