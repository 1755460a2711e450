import { TENANT_ID_PATTERN } from '../core/config/index.js';

/**
 * Where everything lives in the bucket: the one S3 key layout, used by the runtime and by the CDK app (grants,
 * notifications, lifecycle rules, the SFTP home directories). Uploads arrive under `landing/<tenant>/`, complete
 * ones move to `inbox/<tenant>/` and cut-off ones to `partial/<tenant>/` (SPEC §2.1); the rest is the pipeline's.
 */
export const PREFIXES = {
  landing: 'landing/',
  inbox: 'inbox/',
  /** Where Transfer Family's workflow puts uploads whose session dropped mid-file. */
  partial: 'partial/',
  config: 'config/',
  state: 'state/',
  runs: 'runs/',
  reports: 'reports/',
  processed: 'processed/',
  rejected: 'rejected/',
} as const;

/** Only complete uploads (inbox/) and cut-off ones (partial/) start runs: the bucket notifies the inbox queue of these. */
export const RUN_STARTING_PREFIXES = [PREFIXES.inbox, PREFIXES.partial] as const;

const { config, state, runs, reports, processed, rejected } = PREFIXES;

/**
 * The longest file name an archive key keeps whole: with `processed/<tenant>/<run id>_superseded_` (at most 92
 * bytes) in front, the key stays under S3's 1,024 bytes. The platform's name bound may not exceed it.
 */
export const MAX_ARCHIVED_NAME_BYTES = 880;
/** How much of a longer name (a file refused for it) its archive key keeps. */
const CUT_NAME_BYTES = 200;

/** A name as archive keys hold it: whole when it fits, else its first bytes (whole characters) and a marker. */
const archivedName = (name: string): string => {
  if (Buffer.byteLength(name, 'utf8') <= MAX_ARCHIVED_NAME_BYTES) return name;
  let cut = '';
  for (const char of name) {
    if (Buffer.byteLength(cut + char, 'utf8') > CUT_NAME_BYTES) break;
    cut += char;
  }
  return `${cut}…(name cut)`;
};

export const keys = {
  landing: (tenant: string) => `${PREFIXES.landing}${tenant}/`,
  /** Where a tenant's complete uploads arrive (Transfer's workflow moves them from landing/), and replays go. */
  inbox: (tenant: string) => `${PREFIXES.inbox}${tenant}/`,
  /** Where a tenant's dry runs arrive: planned and reported, never sent (`inbox/<tenant>/dry-run/`). */
  dryRunInbox: (tenant: string) => `${PREFIXES.inbox}${tenant}/${DRY_RUN_FOLDER}`,
  tenantConfig: (tenant: string) => `${config}${tenant}.json`,
  /**
   * The synced state of a tenant in one JOOR environment and account (SPEC §2.7): the first file to a new account
   * compares with nothing, so every valid customer is sent there.
   */
  snapshot: (tenant: string, environment: string, accountId: string | undefined) =>
    `${state}${tenant}/synced/${environment}/${accountId ?? 'default-account'}/snapshot.json`,
  /**
   * One chunk of the field values JOOR accepted, beside the snapshot they belong to (format:
   * core/diffing/syncedFields.ts); `fields/` of the snapshot's folder.
   */
  syncedFields: (snapshotKey: string, chunk: string) =>
    `${snapshotKey.slice(0, snapshotKey.lastIndexOf('/') + 1)}fields/${chunk}.jsonl`,
  /**
   * The tenant's one coordination record (coordination/tenantRecord.ts): who holds the tenant, until when, and the
   * newest file waiting; changed only by compare-and-swap.
   */
  tenant: (tenant: string) => `${state}${tenant}/tenant.json`,
  /** Superseded files spilled out of the coordination record (coordination/stepTenant.ts), named by their content. */
  tenantSpill: (tenant: string, id: string) => `${state}${tenant}/superseded/${id}.json`,
  /** The lock of the platform before the coordination record: read once, folded into it, removed. */
  legacyLock: (tenant: string) => `${state}${tenant}/active-run.json`,
  /** The waiting list of the platform before the coordination record, likewise. */
  legacyWaitingPrefix: (tenant: string) => `${state}${tenant}/waiting/`,
  legacyWaiting: (tenant: string, receivedAt: string, runId: string) =>
    `${state}${tenant}/waiting/${receivedAt}_${runId}.json`,
  /** Every run of the tenant, one folder each. */
  runsPrefix: (tenant: string) => `${runs}${tenant}/`,
  /**
   * The splitter's claim on a file (its run exists from here on), taken once by a conditional write. The two claims
   * of a run are startClaim and finalizeClaim; their objects keep the names runs in flight already have.
   */
  startClaim: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/claim.json`,
  manifest: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/manifest.json`,
  /** The older files a waiting run supersedes, recorded before it is started (whichever message starts it). */
  supersedes: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/supersedes.json`,
  /** Written once the splitter has handed the run on (batches sent, or the finalizer asked for). */
  dispatched: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/dispatched.json`,
  resultsPrefix: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/results/`,
  result: (tenant: string, runId: string, batch: number) =>
    `${runs}${tenant}/${runId}/results/${String(batch).padStart(5, '0')}.json`,
  /** The field values a run sent to JOOR, by chunk: the finalizer keeps those JOOR accepted (syncedFields). */
  sentFieldsPrefix: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/sent-fields/`,
  sentFields: (tenant: string, runId: string, chunk: string) =>
    `${runs}${tenant}/${runId}/sent-fields/${chunk}.jsonl`,
  /** A batch as posted to JOOR (its jobs, recorded as soon as JOOR answered): later deliveries resume from it. */
  postsPrefix: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/posts/`,
  post: (tenant: string, runId: string, batch: number) =>
    `${runs}${tenant}/${runId}/posts/${String(batch).padStart(5, '0')}.json`,
  /** The run's chain of job checks: which check message is the live one, and when it comes. */
  jobWatch: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/job-watch.json`,
  /** The tenant's current interval of refused files (refusalDigest.ts). */
  refusalWindow: (tenant: string) => `${state}${tenant}/refusal-window.json`,
  /** The refused files an interval collected for its digest, in arrival order. */
  refusalEntries: (tenant: string, windowId: string) => `${state}${tenant}/refused/${windowId}/`,
  refusalEntry: (tenant: string, windowId: string, receivedAt: string, runId: string) =>
    `${state}${tenant}/refused/${windowId}/${receivedAt}_${runId}.json`,
  /** A digest run's interval and when it ends. */
  digest: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/digest.json`,
  /** The finalizer's claim on a run (FinalizeClaim): a lease, how far it got, and `done` once the run is over. */
  finalizeClaim: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/finalized.json`,
  /** One object per failed delivery to the splitter or finalizer (failedDeliveries.ts). */
  failedDeliveriesPrefix: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/failed-deliveries/`,
  failedDelivery: (tenant: string, runId: string, stage: string, deliveryId: string) =>
    `${runs}${tenant}/${runId}/failed-deliveries/${stage}-${deliveryId}.json`,
  /** Reports closed while the tenant's config could not be read: emailed once it can be (heldReports.ts). */
  heldReportsPrefix: (tenant: string) => `${state}${tenant}/held-reports/`,
  heldReport: (tenant: string, runId: string) => `${state}${tenant}/held-reports/${runId}.json`,
  /** Every report of the tenant, one folder per run. */
  reportsPrefix: (tenant: string) => `${reports}${tenant}/`,
  report: (tenant: string, runId: string, extension: 'json' | 'html' | 'csv' | 'txt') =>
    `${reports}${tenant}/${runId}/report.${extension}`,
  processed: (tenant: string, runId: string, name: string) =>
    `${processed}${tenant}/${runId}_${archivedName(name)}`,
  rejected: (tenant: string, runId: string, name: string) =>
    `${rejected}${tenant}/${runId}_${archivedName(name)}`,
};

/**
 * The folder of a tenant's inbox (and of its SFTP home) whose files are dry runs: validated and planned against the
 * synced state, reported, never sent to JOOR.
 */
export const DRY_RUN_FOLDER = 'dry-run/';

const INBOX_KEY = new RegExp(
  `^(${PREFIXES.inbox.slice(0, -1)}|${PREFIXES.partial.slice(0, -1)})/(${TENANT_ID_PATTERN})/((?:[^/]+/)*)([^/]+)$`,
);

/**
 * The tenant and file name of an inbox (or partial-upload) key; the tenant comes from the key, never from the file
 * (SPEC §2.1). `folder` is the path between the tenant and the name as the SFTP user gave it (`''` for the home
 * itself): `dry-run/` marks a dry run, and any other folder is one the platform does not read (the splitter refuses
 * the file with a report, rather than sync a file the ERP put aside, or meant as a dry run under a mistyped name).
 */
export const parseInboxKey = (
  key: string,
): { tenantId: string; name: string; partial: boolean; dryRun: boolean; folder: string } | undefined => {
  const match = INBOX_KEY.exec(key);
  return match
    ? {
        tenantId: match[2]!,
        name: match[4]!,
        partial: `${match[1]}/` === PREFIXES.partial,
        dryRun: match[3] === DRY_RUN_FOLDER,
        folder: match[3]!,
      }
    : undefined;
};

/**
 * Where a complete upload goes from its SFTP user's landing folder: the same path under `inbox/<user>/`, so that a
 * file put in `dry-run/` arrives as a dry run (Transfer Family's managed copy step keeps only the file's name).
 * Undefined for a key outside that user's landing folder, or one naming a folder rather than a file.
 *
 * @example
 * inboxKeyOfUpload('landing/maison/dry-run/customer_2.psv', 'maison'); // 'inbox/maison/dry-run/customer_2.psv'
 */
export const inboxKeyOfUpload = (landingKey: string, userName: string): string | undefined => {
  const home = keys.landing(userName);
  const path = landingKey.startsWith(home) ? landingKey.slice(home.length) : '';
  return path.length > 0 && !path.endsWith('/') ? `${keys.inbox(userName)}${path}` : undefined;
};
