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
  tenantConfig: (tenant: string) => `${config}${tenant}.json`,
  /**
   * The synced state of a tenant in one JOOR environment and account (SPEC §2.7): the first file to a new account
   * compares with nothing, so every valid customer is sent there.
   */
  snapshot: (tenant: string, environment: string, accountId: string | undefined) =>
    `${state}${tenant}/synced/${environment}/${accountId ?? 'default-account'}/snapshot.json`,
  lock: (tenant: string) => `${state}${tenant}/active-run.json`,
  waitingPrefix: (tenant: string) => `${state}${tenant}/waiting/`,
  waiting: (tenant: string, receivedAt: string, runId: string) =>
    `${state}${tenant}/waiting/${receivedAt}_${runId}.json`,
  claim: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/claim.json`,
  manifest: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/manifest.json`,
  /** The older files a waiting run supersedes, recorded before it is started (whichever message starts it). */
  supersedes: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/supersedes.json`,
  /** Written once the splitter has handed the run on (batches sent, or the finalizer asked for). */
  dispatched: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/dispatched.json`,
  resultsPrefix: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/results/`,
  result: (tenant: string, runId: string, batch: number) =>
    `${runs}${tenant}/${runId}/results/${String(batch).padStart(5, '0')}.json`,
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
  finalized: (tenant: string, runId: string) => `${runs}${tenant}/${runId}/finalized.json`,
  report: (tenant: string, runId: string, extension: 'json' | 'html' | 'csv' | 'txt') =>
    `${reports}${tenant}/${runId}/report.${extension}`,
  processed: (tenant: string, runId: string, name: string) =>
    `${processed}${tenant}/${runId}_${archivedName(name)}`,
  rejected: (tenant: string, runId: string, name: string) =>
    `${rejected}${tenant}/${runId}_${archivedName(name)}`,
};

const INBOX_KEY = new RegExp(
  `^(${PREFIXES.inbox.slice(0, -1)}|${PREFIXES.partial.slice(0, -1)})/([a-z0-9][a-z0-9-]{1,38}[a-z0-9])/([^/]+)$`,
);

/**
 * The tenant and file name of an inbox (or partial-upload) key; the tenant comes from the key, never from the file
 * (SPEC §2.1).
 */
export const parseInboxKey = (
  key: string,
): { tenantId: string; name: string; partial: boolean } | undefined => {
  const match = INBOX_KEY.exec(key);
  return match
    ? { tenantId: match[2]!, name: match[3]!, partial: `${match[1]}/` === PREFIXES.partial }
    : undefined;
};
